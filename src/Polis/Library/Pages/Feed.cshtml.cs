using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Polis.Accounts.Contracts;
using Polis.Platform;

namespace Polis.Library.Pages;

/// <summary>
/// What a person finds behind "New public documents (Atom)": what a feed is and its address to copy into a feed reader,
/// instead of the feed's raw XML. Feed readers find the feed itself from this page's &lt;link rel="alternate"&gt;.
/// </summary>
[Authorize(AccountPermissions.Public)]
public sealed class FeedModel(PublicUrl publicUrl) : PageModel
{
    public string FeedUrl { get; private set; } = "";

    public void OnGet() => FeedUrl = publicUrl.For(Request) + "/library/feed.atom";
}
