using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Polis.Library;

namespace Polis.Tests.Fixtures;

/// <summary>Intent methods for the library: every one goes through the HTTP API as a user would.</summary>
public abstract partial class PolisApp
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private HttpClient? librarian;
    private DateTimeOffset librarianSignedInAt;

    /// <summary>
    /// An editor account with every organisation scope used in tests, signed in once per fixture, and again when a test
    /// has moved the clock past most of a sign-in's lifetime (8 hours).
    /// </summary>
    public async Task<HttpClient> LibrarianAsync()
    {
        if (librarian is null || Clock.GetUtcNow() - librarianSignedInAt > TimeSpan.FromHours(4))
        {
            librarianSignedInAt = Clock.GetUtcNow();
            librarian = await SignedInAsync(Polis.Accounts.Contracts.Role.Administrator);
        }
        return librarian;
    }

    /// <summary>The owner test documents get when the input names none: the demo editor's first structure.</summary>
    public const string DefaultTestOwner = "SPMU";

    /// <summary>The input as JSON with an <c>owner</c> (the one given, else <see cref="DefaultTestOwner"/>).</summary>
    public static JsonObject WithOwner(object input, string owner = DefaultTestOwner)
    {
        var json = JsonSerializer.SerializeToNode(input, Json)!.AsObject();
        if (!json.ContainsKey("owner")) json["owner"] = owner;
        return json;
    }

    /// <summary>
    /// Creates a document through POST /api/v1/library/documents and returns its id. The librarian is an
    /// administrator, who must name the owner; when the input names none, it is <see cref="DefaultTestOwner"/>.
    /// A new document is a draft: unless <paramref name="publish"/> is false, the same client publishes it
    /// (POST …/publish), as most tests read it as a reader would.
    /// </summary>
    public async Task<Guid> CreateDocumentAsync(object input, HttpClient? as_ = null, bool publish = true)
    {
        var client = as_ ?? await LibrarianAsync();
        var response = await client.PostAsJsonAsync("/api/v1/library/documents", WithOwner(input), Json);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"create failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var created = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        var id = Guid.Parse((string)created!["id"]!);
        if (publish) await PublishAsync(id, client);
        return id;
    }

    /// <summary>Publishes a draft through POST /api/v1/library/documents/{id}/publish (fails the test when refused).</summary>
    public async Task PublishAsync(Guid id, HttpClient? as_ = null)
    {
        var client = as_ ?? await LibrarianAsync();
        using var response = await client.PostAsync($"/api/v1/library/documents/{id}/publish", null);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"publish failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Uploads a file (bytes, name) as the edition in a language, through the API with the antiforgery header.</summary>
    public async Task<HttpResponseMessage> UploadAsync(Guid documentId, string language, string fileName, byte[] content, HttpClient? as_ = null, string? title = null)
    {
        var client = as_ ?? await LibrarianAsync();
        var token = await client.GetFromJsonAsync<Polis.Accounts.AntiforgeryToken>("/api/v1/account/antiforgery");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        form.Add(new StringContent(language), "language");
        if (title is not null) form.Add(new StringContent(title), "title");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/library/documents/{documentId}/files") { Content = form };
        request.Headers.Add(token!.HeaderName, token.Token);
        return await client.SendAsync(request);
    }

    public async Task<Guid> CreateDocumentWithTextAsync(object input, string language, string text, string fileName = "text.txt", bool publish = true)
    {
        var id = await CreateDocumentAsync(input, publish: publish);
        var response = await UploadAsync(id, language, fileName, System.Text.Encoding.UTF8.GetBytes(text));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"upload failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return id;
    }

    /// <summary>What a write could have changed: version, title, access, parties, owner, editions and files.</summary>
    public sealed record DocumentState(int Version, string Title, string Access, string Parties, string Owner, int Editions, int Files);

    public Task<DocumentState> DocumentStateAsync(Guid id) => QueryAsync(async db =>
    {
        var d = await db.Set<Document>().AsNoTracking().Include(x => x.Editions).ThenInclude(e => e.Files).AsSplitQuery().SingleAsync(x => x.Id == id);
        return new DocumentState(d.Version, d.Title, d.Access.ToString(),
            string.Join(",", d.AllowedParties.Select(p => p.ToString()).Order(StringComparer.Ordinal)), d.OwnerCode,
            d.Editions.Count, d.Editions.Sum(e => e.Files.Count));
    });

    /// <summary>The audit entries of a document (or, for <see cref="Guid.Empty"/>, refused creations), oldest first.</summary>
    public Task<List<Polis.Data.AuditEntry>> AuditOfAsync(Guid id) => QueryAsync(db =>
    {
        var key = id == Guid.Empty ? "" : id.ToString();
        return db.Set<Polis.Data.AuditEntry>().AsNoTracking().Where(a => a.Entity == nameof(Document) && a.RecordId == key).OrderBy(a => a.Id).ToListAsync();
    });

    /// <summary>PUT /api/v1/library/documents/{id} with the current version in If-Match (read from the database, so callers who cannot read it can try).</summary>
    public async Task<HttpResponseMessage> PutDocumentAsync(HttpClient client, Guid id, object input)
    {
        var version = (await DocumentStateAsync(id)).Version;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/library/documents/{id}") { Content = JsonContent.Create(input, options: Json) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        return await client.SendAsync(request);
    }

    public async Task<LibrarySearchResponse> SearchAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/library/search?" + query);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"search failed: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<LibrarySearchResponse>(body, Json)!;
    }

    public static string FilePath(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Files", name);
}
