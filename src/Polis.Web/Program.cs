using Polis.Web;

// `polis` with no command, or with host options only (as the test host passes them), serves the web app.
// Configuration overrides (--Polis:DataPath=…) may come before a command as after it.
// With POLIS_IMPORT_TIMINGS=1 an import reports the runtime's own start-up too (docs/performance.md, issue 21).
Polis.Library.Import.ImportTimings.SinceProcessStart("0a process start to Main");
var rest = PolisCommandLine.SplitConfiguration(args).Command;
var serving = rest.Length == 0 || (rest[0].StartsWith('-') && rest[0] is not ("-h" or "--help" or "-?" or "--version"));
return serving ? await PolisHost.ServeAsync(args) : await PolisCommandLine.RunAsync(args);
