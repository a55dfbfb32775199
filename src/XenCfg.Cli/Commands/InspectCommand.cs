using System.CommandLine;
using System.Globalization;
using System.Text;
using XenCfg.Analysis.Model;
using XenCfg.Analysis.Specs.Disk;
using XenCfg.Cli.Output;
using XenCfg.Configuration;
using XenCfg.Configuration.Inputs;
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
        var file = new Argument<string?>("file") { Description = "The config file to inspect.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON: settings in file order, effective values, and the model (domain, disks with libxl's field names, vifs, kernel command lines)." };
        var disk = new Option<string[]>("--disk")
        {
            Description = "Interpret a disk spec as `xl -N block-attach` does instead of reading a file; several --disk options make one disk, as xl's arguments do.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var configOptions = new ConfigOptions();
        var command = new Command("inspect", "Show what a config sets, the way xl reads it.") { file, json, disk };
        configOptions.AddTo(command);
        command.SetAction(result =>
        {
            var specs = result.GetValue(disk) ?? [];
            var path = result.GetValue(file);
            if (specs.Length > 0)
            {
                return path is null ? InspectDisk(console, specs) : Usage(console, "give either a FILE or --disk, not both");
            }

            return path is null ? Usage(console, "give a FILE to inspect, or --disk SPEC") : Run(console, path, result.GetValue(json), configOptions.Read(result));
        });
        return command;
    }

    private static int Usage(CliConsole console, string message)
    {
        console.Error.WriteLine($"xcfg inspect: {message}");
        return ExitCodes.UsageOrIo;
    }

    /// <summary>
    /// One disk spec (or several arguments making one disk) read as xl reads it: the libxl fields as JSON on success,
    /// exit 1 with xl's reason when xl refuses it.
    /// </summary>
    private static int InspectDisk(CliConsole console, IReadOnlyList<string> specs)
    {
        var disk = XlDiskSpecParser.ParseMany(specs);
        if (disk.IsAccepted && disk.ToLibxlJson() is { } libxl)
        {
            console.Out.WriteLine(libxl);
            return ExitCodes.Success;
        }

        foreach (var problem in disk.Problems.Where(problem => problem.IsFatal))
        {
            console.Error.WriteLine($"xcfg: disk spec refused: {problem.Message}");
        }

        return ExitCodes.Findings;
    }

    /// <summary>The file, read with its effective options (the project configuration under the command line's).</summary>
    private static int Run(CliConsole console, string path, bool json, CommandLineSettings settings)
    {
        if (settings.Check() is { } usage)
        {
            return Usage(console, usage);
        }

        ReadResult read;
        try
        {
            var options = settings.Load(console.CurrentDirectory);
            var full = Path.GetFullPath(path, console.CurrentDirectory);
            var config = options.ConfigFor(full);
            read = ConfigFileReader.Read(path, full, options.For(full, config, autostart: false).ParseOptions, options.MaxFileSize(config));
        }
        catch (ProjectConfigException exception)
        {
            console.Error.WriteLine($"xcfg: bad config file {exception.DescribeFrom(console.CurrentDirectory)}");
            return ExitCodes.UsageOrIo;
        }

        var (file, error) = read;
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

        var model = SemanticModel.For(tree);
        console.Out.Write(json ? ModelJson(model) : SettingsText(model.Settings));
        return ExitCodes.Success;
    }

    /// <summary>
    /// The settings and effective values in exactly the oracle's layout (so a line diff against Xen's own parser
    /// shows only the model members added after them), then the model.
    /// </summary>
    private static string ModelJson(SemanticModel model)
    {
        var settingsJson = SettingsJson(model.Settings);
        var builder = new StringBuilder(settingsJson[..^3]);
        builder.Append("},\n");
        var domain = model.Domain;
        builder.Append("\"domain\": {\"name\": ").Append(domain.Name is null ? "null" : PythonStyleJson.String(domain.Name.Text))
            .Append(", \"type\": \"").Append(domain.Type.ToString().ToLowerInvariant()).Append("\"},\n");
        builder.Append("\"disks\": [\n");
        builder.Append(JoinLines(model.Disks.Select(disk => "  " + (disk.Xl.IsAccepted && disk.Xl.ToLibxlJson() is { } libxl
            ? libxl
            : "{\"error\": " + PythonStyleJson.String(string.Join(" ", disk.Xl.Problems.Where(problem => problem.IsFatal).Select(problem => problem.Message))) + "}"))));
        builder.Append("],\n\"vifs\": [\n");
        builder.Append(JoinLines(model.Vifs.Select(vif => "  " + VifJson(vif))));
        builder.Append("],\n\"kernel\": {\"xl\": ").Append(NullableString(model.Boot.XlCommandLine))
            .Append(", \"xm\": ").Append(NullableString(model.Boot.XmCommandLine)).Append("}}\n");
        return builder.ToString();
    }

    private static string NullableString(string? value) => value is null ? "null" : PythonStyleJson.String(value);

    /// <summary>A vif's items as xl reads them, keyed as in the spec.</summary>
    private static string VifJson(VifEntry vif) =>
        "{" + string.Join(", ", vif.Spec.Items.Select(item => $"{PythonStyleJson.String(item.Key)}: {NullableString(item.Value)}")) + "}";

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
