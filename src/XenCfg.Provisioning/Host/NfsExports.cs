using System.Text;

namespace XenCfg.Provisioning.Host;

/// <summary>One directory exported to one client, configured in an exports file or active in the NFS server.</summary>
/// <param name="Path">The directory as written (or as exportfs shows it).</param>
/// <param name="Client">The client as written: an address, a name, a network, a wildcard, <c>*</c>, or empty (the world).</param>
/// <param name="Where">Where it comes from, for messages: "by /etc/exports line 3", "right now (exportfs -s)".</param>
/// <param name="Active">True when the NFS server exports it now; false for an entry of a file, which the next exportfs -r activates.</param>
public sealed record ExportEntry(string Path, string Client, string Where, bool Active)
{
    /// <summary>Exported to every host: <c>*</c>, or no client at all (exports(5): "(rw)" after a blank is a world export).</summary>
    public bool IsWorld => Client is "" or "*" or "<world>";

    /// <summary>Whether this entry exports to exactly the one host at <paramref name="address"/> (as <c>ADDR</c>, <c>ADDR/32</c> or <c>ADDR/255.255.255.255</c>).</summary>
    public bool IsOnly(string address) => Client == address || Client == address + "/32" || Client == address + "/255.255.255.255";

    public string ClientText => IsWorld ? "the world (*)" : Client;
}

/// <summary>
/// Reads exports files as exportfs does (nfs-utils support/nfs/exports.c, getexportent; support/nfs/xio.c, xgettok and
/// xgetc), keeping only what decides who may mount what: each directory and each client it is exported to.
/// <list type="bullet">
/// <item><c>#</c> starts a comment to the end of the line (also inside a word); a backslash at the end of a line joins the next one.</item>
/// <item>A line is a directory, then clients separated by blanks. <c>"</c> quotes (blanks inside belong to the word) and <c>\ooo</c> is an octal byte.</item>
/// <item>A client is <c>host(options)</c>, or <c>host</c> alone; <c>(options)</c> after a blank has no host and is exported to <b>the world</b>, as is a directory with no client at all.</item>
/// <item>A word starting with <c>-</c> right after the directory is default options, not a client.</item>
/// </list>
/// The files are /etc/exports and every <c>*.exports</c> in /etc/exports.d whose name does not start with a dot.
/// </summary>
public static class ExportsFileParser
{
    public static IReadOnlyList<ExportEntry> Parse(string text, string file)
    {
        var reader = new Reader(Encoding.UTF8.GetBytes(text));
        var entries = new List<ExportEntry>();
        while (reader.Path() is { } path)
        {
            var line = reader.Line;
            var clients = 0;
            while (reader.Word() is { } word)
            {
                if (clients == 0 && word.StartsWith('-'))
                {
                    continue; // default options for the clients that follow
                }

                var open = word.IndexOf('(', StringComparison.Ordinal);
                var client = open < 0 ? word : open == 0 ? "*" : word[..open];
                entries.Add(new ExportEntry(path, client, $"by {file} line {line}", Active: false));
                clients++;
            }

            if (clients == 0)
            {
                entries.Add(new ExportEntry(path, string.Empty, $"by {file} line {line}", Active: false));
            }
        }

        return entries;
    }

    /// <summary>The files exportfs reads, in its order: the exports file, then the directory's *.exports in version order.</summary>
    public static IReadOnlyList<ExportEntry> ReadConfigured(IHostFileSystem files, string exportsFile, string exportsDirectory)
    {
        var entries = new List<ExportEntry>();
        if (ReadFile(files, exportsFile) is { } main)
        {
            entries.AddRange(Parse(main, exportsFile));
        }

        if (files.Stat(exportsDirectory, followLinks: true) is { Kind: FileKind.Directory })
        {
            foreach (var name in files.ListDirectory(exportsDirectory)
                .Where(name => !name.StartsWith('.') && name.Length > ".exports".Length && name.EndsWith(".exports", StringComparison.Ordinal)))
            {
                var path = exportsDirectory.TrimEnd('/') + "/" + name;
                if (files.Stat(path, followLinks: true) is { Kind: FileKind.Regular } && ReadFile(files, path) is { } text)
                {
                    entries.AddRange(Parse(text, path));
                }
            }
        }

        return entries;
    }

    private static string? ReadFile(IHostFileSystem files, string path)
    {
        try
        {
            return files.ReadText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new HostToolException($"cannot read {path}: {exception.Message}");
        }
    }

    /// <summary>The byte stream as xgetc delivers it: comments become the end of their line, continued lines one line.</summary>
    private sealed class Reader(byte[] bytes)
    {
        private const int None = -2;
        private int _position;
        private int _line = 1;
        private int _pending = None;

        /// <summary>The line the last word started on (1-based).</summary>
        public int Line { get; private set; }

        /// <summary>The next directory: the first word after blanks and line ends; null at the end.</summary>
        public string? Path()
        {
            Skip(newlines: true);
            return Token();
        }

        /// <summary>The next word on the same line; null at its end.</summary>
        public string? Word()
        {
            Skip(newlines: false);
            return Token();
        }

        private void Skip(bool newlines)
        {
            while (Peek() is var c && (c is (byte)' ' or (byte)'\t' || (newlines && c == '\n')))
            {
                Next();
            }
        }

        private string? Token()
        {
            var token = new List<byte>();
            var quoted = false;
            Line = _line;
            while (Peek() is var c && c >= 0 && (quoted || !IsSpace(c)))
            {
                Next();
                if (c == '"')
                {
                    quoted = !quoted;
                    continue;
                }

                token.Add((byte)c);
                var n = token.Count;
                if (n >= 4 && token[n - 4] == '\\' && IsOctal(token[n - 3]) && IsOctal(token[n - 2]) && IsOctal(token[n - 1])
                    && ((token[n - 3] - '0') * 64) + ((token[n - 2] - '0') * 8) + (token[n - 1] - '0') is var value and < 256)
                {
                    token.RemoveRange(n - 4, 4);
                    token.Add((byte)value);
                }
            }

            // A line end stays for the caller: it ends the line's list of clients.
            return token.Count == 0 ? null : Encoding.UTF8.GetString([.. token]);
        }

        /// <summary>The next character as xgetc returns it, without taking it.</summary>
        private int Peek()
        {
            if (_pending == None)
            {
                _pending = Read();
            }

            return _pending;
        }

        private void Next()
        {
            if (_pending == None)
            {
                Read();
            }

            _pending = None;
        }

        /// <summary>Takes one character as xgetc does: a comment reads as its line's end, a continued line as a blank; -1 at the end.</summary>
        private int Read()
        {
            while (_position < bytes.Length)
            {
                var c = bytes[_position];
                if (c == '\\' && _position + 1 < bytes.Length && bytes[_position + 1] == '\n')
                {
                    // The backslash, the line end and the next line's leading blanks are one blank.
                    _position += 2;
                    _line++;
                    while (_position < bytes.Length && bytes[_position] is (byte)' ' or (byte)'\t')
                    {
                        _position++;
                    }

                    return ' ';
                }

                if (c == '#')
                {
                    while (_position < bytes.Length && bytes[_position] != '\n')
                    {
                        _position++;
                    }

                    continue;
                }

                _position++;
                if (c == '\n')
                {
                    _line++;
                }

                return c;
            }

            return -1;
        }

        private static bool IsSpace(int c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';

        private static bool IsOctal(byte c) => c is >= (byte)'0' and <= (byte)'7';
    }
}
