// Stand-in declarations of the HttpClient API the generated F# client uses,
// for type-checking with fable-compiler-js, whose reference assemblies lack
// System.Net.Http. Signatures follow .NET 8; bodies are never run.
// Not part of any generated package.
namespace System.Net

type HttpStatusCode =
    | OK = 200
    | BadRequest = 400
    | Unauthorized = 401
    | NotFound = 404
    | InternalServerError = 500

namespace System.Net.Http.Headers

open System
open System.Collections.Generic

module internal StandIn =
    let fail () : 'T = raise (NotImplementedException "stand-in declaration")

type MediaTypeHeaderValue(mediaType: string) =
    member _.MediaType = mediaType

type MediaTypeWithQualityHeaderValue(mediaType: string) =
    inherit MediaTypeHeaderValue(mediaType)

[<AllowNullLiteral>]
type AuthenticationHeaderValue(scheme: string, parameter: string) =
    new(scheme: string) = AuthenticationHeaderValue(scheme, null)
    member _.Scheme = scheme
    member _.Parameter = parameter

[<Sealed>]
type HttpHeaderValueCollection<'T when 'T: not struct>() =
    member _.Add(item: 'T) : unit = StandIn.fail ()
    member _.Count: int = StandIn.fail ()
    interface IEnumerable<'T> with
        member _.GetEnumerator() : IEnumerator<'T> = StandIn.fail ()
    interface Collections.IEnumerable with
        member _.GetEnumerator() : Collections.IEnumerator = StandIn.fail ()

[<AbstractClass>]
type HttpHeaders() =
    member _.Add(name: string, value: string) : unit = StandIn.fail ()
    member _.TryAddWithoutValidation(name: string, value: string) : bool = StandIn.fail ()

[<Sealed>]
type HttpRequestHeaders() =
    inherit HttpHeaders()
    member _.Accept: HttpHeaderValueCollection<MediaTypeWithQualityHeaderValue> = StandIn.fail ()
    member _.Authorization
        with get (): AuthenticationHeaderValue = StandIn.fail ()
        and set (_: AuthenticationHeaderValue) = StandIn.fail ()

namespace System.Net.Http

open System
open System.IO
open System.Net
open System.Net.Http.Headers
open System.Text
open System.Threading
open System.Threading.Tasks

[<AbstractClass; AllowNullLiteral>]
type HttpContent() =
    member _.ReadAsStringAsync() : Task<string> = StandIn.fail ()
    member _.ReadAsStringAsync(cancellationToken: CancellationToken) : Task<string> = StandIn.fail ()
    member _.ReadAsStreamAsync(cancellationToken: CancellationToken) : Task<Stream> = StandIn.fail ()
    interface IDisposable with
        member _.Dispose() = ()

type StringContent(content: string, encoding: Encoding, mediaType: string) =
    inherit HttpContent()
    new(content: string) = new StringContent(content, null, "text/plain")

[<AllowNullLiteral>]
type HttpMethod(method: string) =
    member _.Method = method
    static member Get: HttpMethod = StandIn.fail ()
    static member Post: HttpMethod = StandIn.fail ()
    static member Put: HttpMethod = StandIn.fail ()
    static member Delete: HttpMethod = StandIn.fail ()
    static member Patch: HttpMethod = StandIn.fail ()

type HttpRequestMessage(method: HttpMethod, requestUri: string) =
    new(method: HttpMethod, requestUri: Uri) = new HttpRequestMessage(method, string requestUri)
    member _.Headers: HttpRequestHeaders = StandIn.fail ()
    member _.Content
        with get (): HttpContent = StandIn.fail ()
        and set (_: HttpContent) = StandIn.fail ()
    member _.Method = method
    member _.RequestUri: Uri = StandIn.fail ()
    interface IDisposable with
        member _.Dispose() = ()

type HttpResponseMessage() =
    member _.StatusCode: HttpStatusCode = StandIn.fail ()
    member _.IsSuccessStatusCode: bool = StandIn.fail ()
    member _.ReasonPhrase: string = StandIn.fail ()
    member _.Content: HttpContent = StandIn.fail ()
    member _.EnsureSuccessStatusCode() : HttpResponseMessage = StandIn.fail ()
    interface IDisposable with
        member _.Dispose() = ()

type HttpClient() =
    member _.BaseAddress
        with get (): Uri = StandIn.fail ()
        and set (_: Uri) = StandIn.fail ()
    member _.DefaultRequestHeaders: HttpRequestHeaders = StandIn.fail ()
    member _.SendAsync(request: HttpRequestMessage) : Task<HttpResponseMessage> = StandIn.fail ()
    member _.SendAsync(request: HttpRequestMessage, cancellationToken: CancellationToken) : Task<HttpResponseMessage> = StandIn.fail ()
    member _.GetStringAsync(requestUri: string) : Task<string> = StandIn.fail ()
    member _.Dispose() : unit = ()
    interface IDisposable with
        member _.Dispose() = ()
