using StreamJsonRpc.Protocol;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// The server's lifecycle (LSP 3.17, "Server lifecycle") and the gate it puts on incoming messages: before
/// <c>initialize</c>, requests are answered -32002 and notifications dropped; after <c>shutdown</c>, requests are
/// answered -32600 and only <c>exit</c> is heard. Thread-safe: the reader and the handlers both consult it.
/// </summary>
internal sealed class Lifecycle
{
    private int _state = (int)LifecycleState.Created;

    public LifecycleState State => (LifecycleState)Volatile.Read(ref _state);

    public bool ShutdownRequested => State >= LifecycleState.ShuttingDown;

    /// <summary>Decides what becomes of a message just read.</summary>
    public Admission Admit(JsonRpcMessage message)
    {
        if (message is not JsonRpcRequest request)
        {
            return Admission.Pass; // Responses to our own requests.
        }

        var isRequest = request.IsResponseExpected;
        if (request.Method == LspMethods.Exit)
        {
            return isRequest ? Admission.Reject(LspErrorCodes.InvalidRequest, "exit is a notification") : Admission.Pass;
        }

        switch (State)
        {
            case LifecycleState.Created:
                if (request.Method == LspMethods.Initialize && isRequest)
                {
                    // Claimed here, in reading order, so a second initialize sent right after is refused.
                    Interlocked.CompareExchange(ref _state, (int)LifecycleState.Initializing, (int)LifecycleState.Created);
                    return Admission.Pass;
                }

                return isRequest
                    ? Admission.Reject(LspErrorCodes.ServerNotInitialized, $"the server is not initialized: send initialize before {request.Method}")
                    : Admission.Drop;
            case LifecycleState.ShuttingDown:
                return isRequest ? Admission.Reject(LspErrorCodes.InvalidRequest, $"the server is shutting down: {request.Method} is not accepted after shutdown") : Admission.Drop;
            default:
                if (request.Method == LspMethods.Initialize)
                {
                    return isRequest ? Admission.Reject(LspErrorCodes.InvalidRequest, "initialize was already sent") : Admission.Drop;
                }

                if (request.Method == LspMethods.Shutdown && isRequest)
                {
                    // Also in reading order: a request read after shutdown is refused even if shutdown has not run yet.
                    MarkShutdown();
                }

                return Admission.Pass;
        }
    }

    public void MarkInitialized() => Interlocked.CompareExchange(ref _state, (int)LifecycleState.Initialized, (int)LifecycleState.Initializing);

    public void MarkShutdown() => Volatile.Write(ref _state, (int)LifecycleState.ShuttingDown);
}

internal enum LifecycleState
{
    Created,
    Initializing,
    Initialized,
    ShuttingDown,
}

/// <summary>What the gate decides for one message: dispatch it, drop it, or answer it with an error.</summary>
internal readonly record struct Admission(bool Dispatch, (int Code, string Message)? Error)
{
    public static Admission Pass { get; } = new(true, null);

    public static Admission Drop { get; } = new(false, null);

    public static Admission Reject(int code, string message) => new(false, (code, message));
}
