using StreamJsonRpc;
using StreamJsonRpc.Protocol;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// StreamJsonRpc's connection with LSP's error reporting: a handler that fails unexpectedly answers -32603
/// (InternalError) with a one-line message, and the stack trace goes to the log, not to the client.
/// </summary>
internal sealed class LspJsonRpc : JsonRpc
{
    private readonly ServerLog _log;

    public LspJsonRpc(IJsonRpcMessageHandler handler, ServerLog log)
        : base(handler)
    {
        _log = log;
    }

    protected override JsonRpcError.ErrorDetail CreateErrorDetails(JsonRpcRequest request, Exception exception)
    {
        if (exception is LocalRpcException expected)
        {
            return new JsonRpcError.ErrorDetail { Code = (JsonRpcErrorCode)expected.ErrorCode, Message = expected.Message };
        }

        if (IsBadParameters(exception))
        {
            _log.Warning($"{request.Method}: parameters not understood: {exception.GetBaseException().Message}");
            return new JsonRpcError.ErrorDetail
            {
                Code = (JsonRpcErrorCode)LspErrorCodes.InvalidParams,
                Message = $"{request.Method}: the parameters do not have the shape LSP gives them ({exception.GetBaseException().Message})",
            };
        }

        _log.Error($"{request.Method} failed: {exception}");
        return new JsonRpcError.ErrorDetail
        {
            Code = (JsonRpcErrorCode)LspErrorCodes.InternalError,
            Message = $"{request.Method} failed: {exception.GetType().Name}: {exception.Message}",
        };
    }

    /// <summary>A failure to read the parameters into their protocol type, however deep StreamJsonRpc wrapped it.</summary>
    private static bool IsBadParameters(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is System.Text.Json.JsonException)
            {
                return true;
            }
        }

        return false;
    }
}
