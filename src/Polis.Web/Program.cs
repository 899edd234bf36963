using Polis.Web;

// `polis` with no command, or with host options only (as the test host passes them), serves the web app.
// Configuration overrides (--Polis:DataPath=…) may come before a command as after it.
var rest = PolisCommandLine.SplitConfiguration(args).Command;
var serving = rest.Length == 0 || (rest[0].StartsWith('-') && rest[0] is not ("-h" or "--help" or "-?" or "--version"));
return serving ? await PolisHost.ServeAsync(args) : await PolisCommandLine.RunAsync(args);
