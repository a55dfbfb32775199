using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;
using XenCfg.Analysis;
using XenCfg.Analysis.Diagnostics;
using XenCfg.Configuration;
using XenCfg.Configuration.Inputs;
using XenCfg.LanguageServer.Hosting;
using XenCfg.Syntax;
using XenCfg.Syntax.Diagnostics;
using XenCfg.Syntax.Text;

namespace XenCfg.LanguageServer.Documents;

/// <summary>A document's effective options, and why its project configuration could not be used (XCFG0904), if so.</summary>
internal sealed record DocumentOptions(AnalysisOptions Analysis, ConfigDiagnostic? ConfigProblem);

/// <summary>
/// The project configuration as the server sees it at one moment: the editor's settings and the <c>.xcfg.toml</c>
/// files as read since the last change of either. It answers, exactly as <c>xcfg lint</c> does (both go through
/// <see cref="ProjectOptions"/> and <see cref="InputExpander"/>), which files of the workspace folders are configs
/// and what each document's effective options are. Immutable: a changed setting or config file makes a new one, and
/// documents whose options did not change are not analysed again (options compare by value).
/// </summary>
/// <remarks>
/// Precedence: a project's <c>.xcfg.toml</c> decides what it sets; the editor's settings fill the rest. The team's
/// file is what <c>xcfg lint</c> and the pre-commit hook read, so the editor shows what they report; an editor sends
/// its defaults (the VS Code extension always sends a dialect), which must not undo the project's choices.
/// <c>xcfg.useProjectConfig: false</c> ignores the project files, for a user who wants the editor's settings alone.
/// </remarks>
internal sealed class WorkspaceFiles
{
    /// <summary>What the client watches: configs by name, a host's folders, and the project configuration.</summary>
    public static readonly ImmutableArray<string> GlobPatterns = ["**/*.cfg", "**/*.xl", "**/*.xm", "**/xen/*", "**/xen/auto/*", "**/" + ProjectConfig.FileName];

    private readonly ConcurrentDictionary<string, DocumentOptions> _byKey = new(StringComparer.Ordinal);
    private readonly AutostartIndex _autostart;
    private readonly InputExpander _expander;

    public WorkspaceFiles(EditorSettings editor, AutostartIndex? autostart = null)
    {
        Editor = editor;
        _autostart = autostart ?? new AutostartIndex();
        Project = ProjectOptions.ForEditor(editor.UseProjectConfig ? ProjectConfigResolver.Discover() : ProjectConfigResolver.Fixed(null), editor.Layer);
        _expander = new InputExpander("/", null, [], Project.Configs, tolerateBadConfigs: true, _autostart);
    }

    public static WorkspaceFiles Default { get; } = new(EditorSettings.Default);

    public EditorSettings Editor { get; }

    public ProjectOptions Project { get; }

    /// <summary>The same editor settings with the project files read again (one of them changed).</summary>
    public WorkspaceFiles Reloaded() => new(Editor, new AutostartIndex());

    /// <summary>New editor settings over the same project files.</summary>
    public WorkspaceFiles With(EditorSettings editor) => new(editor, _autostart);

    /// <summary>True for the path of a project configuration file.</summary>
    public static bool IsProjectConfig(string path) => Path.GetFileName(path) == ProjectConfig.FileName;

    /// <summary>The effective options of a document (by its key: a file's path, or another URI for an unsaved one).</summary>
    public DocumentOptions For(string key) => _byKey.GetOrAdd(key, Compute);

    /// <summary>The config files under the folders, in a stable order, each real file once.</summary>
    public IReadOnlyList<InputFile> Find(IEnumerable<string> folders, CancellationToken cancellationToken) =>
        _expander.Expand(folders.Where(Directory.Exists), cancellationToken).Files;

    /// <summary>The input the folders' search would find at this path, or null when it is not a config of the workspace.</summary>
    public InputFile? Find(string path, ImmutableArray<string> folders) =>
        folders.IsEmpty || !Path.IsPathRooted(path) ? null : _expander.Find(path, folders);

    /// <summary>
    /// The text of a workspace config, or null when it cannot be read (not a regular file, larger than the size limit,
    /// binary) or, found by the host-layout rule, is not a domain config: what lint would neither read nor report.
    /// </summary>
    public SourceText? TryRead(InputFile input)
    {
        var bytes = RegularFile.Read(input.FullPath, Project.MaxFileSize(input.Config), out _);
        if (bytes is null || ConfigFileReader.IsBinary(bytes))
        {
            return null;
        }

        var text = ConfigFileEncoding.DecodeText(bytes);
        return !input.DomainConfigOnly || HostLayout.IsDomainConfig(SyntaxTree.Parse(text, For(input.FullPath).Analysis.ParseOptions, input.FullPath)) ? text : null;
    }

    private DocumentOptions Compute(string key)
    {
        if (!Path.IsPathRooted(key))
        {
            // An unsaved document has no folder, so no project file: the editor's settings alone.
            return new DocumentOptions(Project.For(key, config: null, autostart: false), null);
        }

        var config = Project.Configs.TryFor(Path.GetDirectoryName(key) ?? key, out var error);
        var autostart = _autostart.IsAutostarted(key);
        if (error is null)
        {
            try
            {
                return new DocumentOptions(Project.For(key, config, autostart), null);
            }
            catch (ProjectConfigException hosts)
            {
                error = hosts;
            }
        }

        var problem = ConfigDiagnostic.Create(ToolDiagnostics.ProjectConfigUnusable, new TextSpan(0, 0), error.Describe(error.FilePath));
        return new DocumentOptions(Project.For(key, config: null, autostart), problem);
    }
}
