using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Polis.Accounts.Contracts;
using Polis.Accounts.Tokens;
using Polis.Data;
using Polis.Platform;

namespace Polis.Accounts;

/// <summary>Accounts: identity, roles and scopes, sign-in, the access rule's viewer, and every module's permissions as policies.</summary>
public sealed class AccountsModule : PolisModule
{
    public override string Name => "accounts";

    public override IReadOnlyDictionary<string, string[]> Permissions => AccountPermissions.Roles;

    public override void AddServices(ModuleServices module)
    {
        // Checked at start (PolisConfigurationException names the setting): docs/access.md, "Signing in".
        var signIn = SigningIn.SignInSettings.From(module.Configuration);
        var mail = Mail.MailSettings.Read(module.Configuration, module.Storage.DataPath);
        AddAccounts(module.Services, module.Catalog);
        module.Services.AddSingleton(signIn);
        module.Services.AddSingleton(mail);
        module.Services.AddSingleton<SigningIn.SignInThrottle>();
        module.Services.AddSingleton<SigningIn.Sessions>();
        module.Services.AddScoped<SigningIn.Passwords>();
        module.Services.AddScoped<SigningIn.AccountEvents>();
        module.Services.AddSingleton<Mail.MailOutbox>();
        module.Services.AddHostedService<Mail.MailDelivery>();
        module.Services.AddScoped<Mail.PasswordResetMail>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder app) => MapAccounts(app);

    public override IEnumerable<ApiTag> ApiTags => [new("Account", "The caller's identity and scope, the antiforgery token for uploads, and personal access tokens.")];

    public override IEnumerable<string> PublicRoutes =>
        ["/account/login", "/account/logout", "/account/denied", "/account/forgot", "/account/reset", "/api/v1/account/me"];

    public override IEnumerable<System.CommandLine.Command> Commands(CommandHost host) => [UsersCommand.Create(host)];

    public override IEnumerable<string> TopLevelAliases => ["users"];

    public override async Task SeedAsync(SeedContext seed, CancellationToken ct)
    {
        var users = seed.Services.GetRequiredService<UserDirectory>();
        await users.EnsureRolesAsync();
        seed.Ensure(users.RoleKeys());
        if (!seed.Demo) return;
        seed.Report(await DemoUsers.EnsureAsync(users), "demo users");
        seed.Note("Demo mode: these accounts exist (password for all: " + DemoUsers.Password + ")");
        foreach (var a in DemoUsers.All) seed.Note($"  {a.Role ?? "(registered only)",-16} {a.Email}");
    }

    /// <summary>Identity on PolisDb, the cookie, and one policy per permission that any module declares.</summary>
    private static void AddAccounts(IServiceCollection services, ModuleCatalog catalog)
    {
        services.AddHttpContextAccessor();
        services.AddIdentity<PolisUser, PolisRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                // No lockout after failed passwords (anyone could lock anyone out): SignInThrottle slows guessing
                // instead. Identity's lockout stays for an administrator's lock (LockoutEnd), which failures never set.
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.PasswordResetTokenProvider = Mail.ResetTokens.Name;
            })
            .AddEntityFrameworkStores<PolisDb>()
            .AddClaimsPrincipalFactory<PolisClaimsFactory>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<Mail.ResetTokens>(Mail.ResetTokens.Name);

        // The cookie unless the request presents a personal access token; then only the token counts.
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrToken;
                o.DefaultAuthenticateScheme = CookieOrToken;
                o.DefaultChallengeScheme = CookieOrToken;
                o.DefaultForbidScheme = CookieOrToken;
            })
            .AddPolicyScheme(CookieOrToken, "Sign-in cookie or personal access token", o => o.ForwardDefaultSelector = c =>
                AccessTokenAuthentication.IsPresented(c.Request) ? AccessTokens.Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, AccessTokenAuthentication>(AccessTokens.Scheme, null);

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "polis.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/denied";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // An API client gets a status code, not a redirect to an HTML form.
            o.Events.OnRedirectToLogin = c => ApiStatus(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => ApiStatus(c, StatusCodes.Status403Forbidden);
            // Sign-out and password changes end sessions on the server (the security stamp), checked on each request.
            o.Events.OnValidatePrincipal = c => c.HttpContext.RequestServices.GetRequiredService<SigningIn.Sessions>().ValidateAsync(c);
        });


        services.AddAuthorizationBuilder()
            // Every endpoint without a policy of its own still needs a signed-in user.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AccountPermissions.Public, p => p.RequireAssertion(_ => true))
            .AddPolicy(AccountPermissions.SignedIn, p => p.RequireAuthenticatedUser())
            // Only the cookie: a token cannot mint or revoke tokens.
            .AddPolicy(AccountPermissions.ManageTokens, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        services.Configure<AuthorizationOptions>(o =>
        {
            foreach (var (permission, roles) in catalog.Permissions)
                o.AddPolicy(permission, p => p.RequireAuthenticatedUser().RequireRole(roles));
        });

        services.AddScoped(sp => Viewer.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        services.AddScoped<UserDirectory>();
        services.AddScoped<ManageAccessTokens>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingRefusals>();
    }

    private const string CookieOrToken = "CookieOrToken";

    /// <summary>
    /// Authentication, then: a request that presents a personal access token the handler refuses (malformed, unknown,
    /// revoked, expired, a write, or in the query where not accepted) ends with 401, even on a public endpoint,
    /// so a bad credential is never read as "anonymous".
    /// </summary>
    public override void AfterAuthentication(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (AccessTokenAuthentication.IsPresented(context.Request)
                && !(await context.AuthenticateAsync(AccessTokens.Scheme)).Succeeded)
            {
                await context.ChallengeAsync(AccessTokens.Scheme);
                return;
            }
            await next(context);
        });

    private static Task ApiStatus(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static void MapAccounts(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/account").WithTags("Account");
        api.MapGet("/me", (Viewer viewer) => TypedResults.Ok(new CurrentUser(
                viewer.IsSignedIn, viewer.Name, [.. viewer.Roles.Order(StringComparer.Ordinal)], viewer.OrganisationCodes, viewer.StateCode)))
            .RequireAuthorization(AccountPermissions.Public)
            .WithSummary("Who the caller is: roles and scope, as the access rule sees them.");
        api.MapGet("/antiforgery", (Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, HttpContext http) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new AntiforgeryToken(tokens.HeaderName ?? "RequestVerificationToken", tokens.RequestToken ?? ""));
            })
            .RequireAuthorization(AccountPermissions.SignedIn)
            .WithSummary("A token for form and file uploads made with the sign-in cookie: send it in the named header.");
        api.MapAccessTokensApi();
    }
}

/// <summary>An antiforgery token and the header to send it in.</summary>
public sealed record AntiforgeryToken(string HeaderName, string Token);

/// <summary>The caller as the access rule sees them.</summary>
public sealed record CurrentUser(bool SignedIn, string? Name, IReadOnlyList<string> Roles, IReadOnlyList<string> Organisations, string? State);

/// <summary>Puts the display name into the cookie so pages need no database call to show it.</summary>
internal sealed class PolisClaimsFactory(
    UserManager<PolisUser> users, RoleManager<PolisRole> roles, Microsoft.Extensions.Options.IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PolisUser, PolisRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PolisUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PolisClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
