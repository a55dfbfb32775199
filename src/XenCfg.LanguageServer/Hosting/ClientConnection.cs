using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using StreamJsonRpc;
using XenCfg.LanguageServer.Protocol;

namespace XenCfg.LanguageServer.Hosting;

/// <summary>
/// The calls from the server to the client, typed. StreamJsonRpc marks its object-parameter methods as unsafe for
/// trimming because they may serialize an arbitrary object by reflection; here every argument and result is a
/// protocol type covered by the source-generated <see cref="LspJsonContext"/>, so nothing is reflected over.
/// </summary>
internal sealed class ClientConnection
{
    private const string Justification = "Arguments and results are protocol types serialized by the source-generated LspJsonContext.";

    private readonly JsonRpc _rpc;

    public ClientConnection(JsonRpc rpc)
    {
        _rpc = rpc;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public Task PublishDiagnosticsAsync(PublishDiagnosticsParams parameters) =>
        _rpc.NotifyWithParameterObjectAsync(LspMethods.PublishDiagnostics, parameters);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public Task LogMessageAsync(LogMessageParams parameters) =>
        _rpc.NotifyWithParameterObjectAsync(LspMethods.LogMessage, parameters);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public Task LogTraceAsync(LogTraceParams parameters) =>
        _rpc.NotifyWithParameterObjectAsync(LspMethods.LogTrace, parameters);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public Task RegisterCapabilityAsync(RegistrationParams parameters, CancellationToken cancellationToken) =>
        _rpc.InvokeWithParameterObjectAsync(LspMethods.RegisterCapability, parameters, cancellationToken);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public Task<JsonElement[]> ConfigurationAsync(ConfigurationParams parameters, CancellationToken cancellationToken) =>
        _rpc.InvokeWithParameterObjectAsync<JsonElement[]>(LspMethods.Configuration, parameters, cancellationToken);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public Task CreateWorkDoneProgressAsync(WorkDoneProgressCreateParams parameters, CancellationToken cancellationToken) =>
        _rpc.InvokeWithParameterObjectAsync(LspMethods.WorkDoneProgressCreate, parameters, cancellationToken);

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = Justification)]
    public Task ProgressAsync(ProgressParams parameters) =>
        _rpc.NotifyWithParameterObjectAsync(LspMethods.Progress, parameters);
}
