using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Graph.GraphQL.AspNetCore.Http;

/// <summary>Reads a whole request body, up to a size limit, without copying it out of the request pipe.</summary>
internal static class RequestBodyReader
{
    /// <summary>Reads the body and hands it to <paramref name="parse"/> while the pipe still owns the memory.</summary>
    /// <exception cref="GraphQLHttpException">413 when the body is larger than <paramref name="maxSize"/>; 400 when it cannot be read.</exception>
    public static async ValueTask<T> ReadAsync<T>(HttpRequest request, long maxSize, Func<ReadOnlySequence<byte>, T> parse, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxSize)
        {
            throw TooLarge(maxSize);
        }
        // Let the server stop reading too (Kestrel's own limit is 30 MB).
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxSize;
        }

        var reader = request.BodyReader;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e)
            {
                throw e.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? TooLarge(maxSize)
                    : GraphQLHttpException.BadRequest("The request body could not be read: " + e.Message);
            }
            var buffer = read.Buffer;
            if (buffer.Length > maxSize)
            {
                reader.AdvanceTo(buffer.End);
                throw TooLarge(maxSize);
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                try
                {
                    return parse(buffer);
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static GraphQLHttpException TooLarge(long maxSize) => new(
        StatusCodes.Status413PayloadTooLarge,
        HttpErrorCodes.RequestTooLarge,
        $"The request body is larger than the {maxSize} bytes this endpoint accepts.");
}
