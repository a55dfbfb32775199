using System.CommandLine;
using System.Globalization;
using System.Text;
using XenCfg.Cli.Inputs;
using XenCfg.Cli.Output;
using XenCfg.Syntax;

namespace XenCfg.Cli.Commands;

/// <summary>
/// <c>xcfg inspect FILE [--json]</c>: what a file sets, as xl reads it. The JSON has the shape of the oracle files
/// made with Xen's own parser, so the two can be diffed. Exits 1 exactly when xl could not read the file.
/// </summary>
internal static class InspectCommand
{
    public static Command Create(CliConsole console)
    {
        var file = new Argument<string>("file") { Description = "The config file to inspect." };
        var json = new Option<bool>("--json") { Description = "Print JSON (settings in file order, and the effective values)." };
        var dialect = CommonOptions.DialectOption();
        var command = new Command("inspect", "Show what a config sets, the way xl reads it.") { file, json, dialect };
        command.SetAction(result => Run(console, result.GetValue(file)!, result.GetValue(json), result.GetValue(dialect)));
        return command;
    }

    private static int Run(CliConsole console, string path, bool json, Dialect dialect)
    {
        var (file, error) = ConfigFileReader.Read(path, Path.GetFullPath(path, console.CurrentDirectory), dialect == Dialect.Xm ? ParseOptions.Xm : ParseOptions.Default);
        if (file is null)
        {
            console.Error.WriteLine($"{error!.DisplayPath}: error: {error.Reason}");
            return ExitCodes.UsageOrIo;
        }

        var tree = file.Tree;
        if (!tree.IsReadableByXl)
        {
            WriteErrors(console, file, json);
            return ExitCodes.Findings;
        }

        var settings = ConfigSettings.From(tree);
        console.Out.Write(json ? SettingsJson(settings) : SettingsText(settings));
        return ExitCodes.Success;
    }

    /// <summary>The oracle's layout: one setting per line, then the effective values one per line.</summary>
    private static string SettingsJson(ConfigSettings settings)
    {
        var lines = settings.Settings.Where(setting => setting.Value is not null).Select(setting => string.Create(CultureInfo.InvariantCulture,
            $"  {{\"line\": {setting.Line + 1}, \"name\": {PythonStyleJson.String(setting.Name)}, \"op\": \"{(setting.IsAppend ? "+=" : "=")}\", \"value\": {PythonStyleJson.Value(setting.Value!)}}}"));
        var effective = settings.Keys.Select(key => $"  {PythonStyleJson.String(key)}: {PythonStyleJson.Value(settings[key]!)}");
        return "{\"settings\": [\n" + JoinLines(lines) + "],\n\"effective\": {\n" + JoinLines(effective) + "}}\n";
    }

    /// <summary>One item per line, comma-separated, each line ended; nothing at all for no items.</summary>
    private static string JoinLines(IEnumerable<string> items)
    {
        var joined = string.Join(",\n", items);
        return joined.Length == 0 ? string.Empty : joined + "\n";
    }

    private static string SettingsText(ConfigSettings settings)
    {
        var builder = new StringBuilder();
        foreach (var key in settings.Keys)
        {
            builder.Append(key).Append(" = ").Append(PythonStyleJson.Value(settings[key]!)).Append('\n');
        }

        return builder.ToString();
    }

    private static void WriteErrors(CliConsole console, ConfigFile file, bool json)
    {
        var errors = file.Tree.GetDiagnostics().Where(diagnostic => diagnostic.IsRejectedByXl).ToList();
        if (!json)
        {
            new TextReporter(console.Out, rich: false).Report(new FileDiagnostics(file.DisplayPath, file.Tree.Text, [.. errors]));
            return;
        }

        var builder = new StringBuilder("{\"errors\": [\n");
        builder.AppendJoin(",\n", errors.Select(diagnostic =>
        {
            var position = file.Tree.Text.Lines.GetLinePosition(diagnostic.Span.Start);
            return string.Create(CultureInfo.InvariantCulture,
                $"  {{\"line\": {position.Line + 1}, \"column\": {position.Character + 1}, \"id\": \"{diagnostic.Id}\", \"message\": {PythonStyleJson.String(diagnostic.Message)}}}");
        }));
        builder.Append("\n]}\n");
        console.Out.Write(builder.ToString());
    }
}
