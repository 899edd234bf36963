using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Polis.Accounts.Contracts;
using Polis.Platform;
using Polis.Searching.Contracts;

namespace Polis.Web;

/// <summary>
/// Makes the generated OpenAPI description complete for outside linters: how callers authenticate (the sign-in
/// cookie, or a personal access token for reads), which operations are open to anonymous callers, operation ids,
/// tag descriptions and the licence.
/// </summary>
internal static class OpenApiDocumentSetup
{
    public static void Configure(OpenApiOptions o, ModuleCatalog catalog)
    {
        o.AddDocumentTransformer((doc, context, _) =>
        {
            doc.Info.Title = "Polis API";
            doc.Info.Description = "JSON API of Polis, the Policing OnLine Information System. Every read passes the access rule: a record the caller may not see answers 404.";
            doc.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
            // One server: the site's public address (Polis:PublicUrl; never an untrusted Host header), without the trailing
            // slash linters dislike. The generator would name the request's own Host.
            if (context.ApplicationServices.GetService<IHttpContextAccessor>()?.HttpContext?.Request is { } request)
                doc.Servers = [new OpenApiServer { Url = context.ApplicationServices.GetRequiredService<PublicUrl>().For(request) }];
            doc.Components ??= new OpenApiComponents();
            doc.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            doc.Components.SecuritySchemes["cookie"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "polis.auth",
                Description = "The sign-in cookie set by /account/login.",
            };
            doc.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "polis_pat_<prefix>_<secret>",
                Description = "A personal access token created on /account: read-only (GET and HEAD), with the rights of the user who created it.",
            };
            doc.Tags = new HashSet<OpenApiTag>(catalog.ApiTags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
            return Task.CompletedTask;
        });
        o.AddOperationTransformer((operation, context, _) =>
        {
            var description = context.Description;
            operation.OperationId ??= OperationId(description.HttpMethod ?? "GET", description.RelativePath ?? "");
            var policies = description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
            var isPublic = policies.Contains(AccountPermissions.Public);
            var cookie = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("cookie", context.Document)] = [] };
            var bearer = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] };
            // Tokens only read, and never manage tokens.
            var readsWithToken = description.HttpMethod is "GET" or "HEAD" && !policies.Contains(AccountPermissions.ManageTokens);
            List<OpenApiSecurityRequirement> schemes = readsWithToken ? [cookie, bearer] : [cookie];
            // Public operations accept anonymous callers ({}), and a signed-in caller may see more.
            operation.Security = isPublic ? [new OpenApiSecurityRequirement(), .. schemes] : schemes;
            // Facet filters are read from the query string by the module's one facet list; describe each as a repeatable parameter.
            if (description.ActionDescriptor.EndpointMetadata.OfType<SearchFacetParameters>().FirstOrDefault() is { } facets)
            {
                operation.Parameters ??= [];
                foreach (var facet in facets.Facets)
                    operation.Parameters.Add(new OpenApiParameter
                    {
                        Name = facet.Field,
                        In = ParameterLocation.Query,
                        Required = false,
                        Style = ParameterStyle.Form,
                        Explode = true,
                        Description = $"Facet filter '{facet.Field}': repeat the parameter for several values (OR within a facet, AND across facets).",
                        Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
                    });
            }
            return Task.CompletedTask;
        });
    }

    private static string OperationId(string method, string path)
    {
        var words = path.Split('/', StringSplitOptions.RemoveEmptyEntries)
            .Where(s => s is not ("api" or "v1"))
            .Select(s => s.StartsWith('{') ? "By" + Pascal(s.Trim('{', '}').Split(':')[0]) : Pascal(s));
        return Pascal(method.ToLowerInvariant()) + string.Concat(words);
    }

    private static string Pascal(string s) => string.Concat(s.Split('-', '_', '.').Where(p => p.Length > 0)
        .Select(p => char.ToUpper(p[0], CultureInfo.InvariantCulture) + p[1..]));
}
