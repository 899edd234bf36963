using Polis.BrowserTests;

// One Polis process and one Chromium for the whole assembly; each test opens its own browser context.
[assembly: AssemblyFixture(typeof(PolisServer))]
[assembly: AssemblyFixture(typeof(Browser))]
