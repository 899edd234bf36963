using Polis.Web;

// `polis` with no command, or with host options only (as the test host passes them), serves the web app.
var serving = args.Length == 0 || (args[0].StartsWith('-') && args[0] is not ("-h" or "--help" or "-?" or "--version"));
return serving ? await PolisHost.ServeAsync(args) : await PolisCommandLine.RunAsync(args);
