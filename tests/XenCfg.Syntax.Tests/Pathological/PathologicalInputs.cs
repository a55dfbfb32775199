using System.Text;
using XenCfg.TestKit;

namespace XenCfg.Syntax.Tests.Pathological;

/// <summary>
/// Hostile and huge inputs, as bytes, each at a chosen size, and the measurements the pathological tests make
/// on them. Shared with the analysis tests, which run the analyzer and the formatter on the same inputs.
/// </summary>
/// <remarks>
/// How memory is measured: the input's bytes are made first; then, after a full blocking collection,
/// <see cref="GC.GetTotalMemory(bool)"/> is read, the tree is built with <see cref="SyntaxTree.ParseBytes"/>
/// (its diagnostics collected too), and the reading is repeated after another full collection while the tree is
/// still referenced. The difference is everything the tree keeps alive: the decoded text (two bytes per
/// character, so a plain-ASCII file costs 2x its size before any node), the green nodes, tokens, trivia and
/// diagnostics, and the red root. Memory that parsing allocated and dropped is not in it. The tests in this
/// folder run in a collection of their own, without other tests in parallel, so no other test's objects are
/// counted; but the test host's own threads (reporting results, the blame collector) still allocate a few
/// kilobytes now and then, and a reading of a kilobyte-sized input once came out negative. So memory's growth is
/// measured on inputs from an eighth of the full size up, where the tree keeps a hundred kilobytes or more, and a
/// reading of an input under a megabyte is the median of three.
/// </remarks>
public static class PathologicalInputs
{
    /// <summary>Each input at a size in bytes (roughly; generators stop at the first unit past it).</summary>
    public static IReadOnlyDictionary<string, Func<int, byte[]>> All { get; } = new Dictionary<string, Func<int, byte[]>>
    {
        ["nested brackets"] = size => Ascii(new string('[', size)),
        ["nested brackets in a setting"] = size => Ascii("disk = " + new string('[', size - 7)),
        // The xm dialect's Python: brackets the parser counts instead of recursing, and long operator chains.
        ["nested parentheses"] = size => Ascii("x = " + new string('(', size - 4)),
        ["nested lists and tuples"] = size => Ascii("x = " + string.Concat(Enumerable.Repeat("[(", (size - 4) / 2))),
        ["unary operators"] = size => Ascii("x = " + new string('-', size - 5) + "1"),
        ["valid settings"] = ValidSettings,
        ["one long string"] = size => Ascii("extra = '" + new string('x', size - 11) + "'\n"),
        ["empty lines"] = size => Ascii(new string('\n', size)),
        ["NUL bytes"] = size => new byte[size],
        ["control bytes"] = size => RandomBytes(size, 0x00, 0x20),
        ["NUL and control bytes in settings"] = size => Repeat("name = 'a\0b'\u0001 # c\u0007\0\nmemory\u001b = 1\0\u0002\n\0\0\n"u8, size),
        ["invalid UTF-8"] = size => RandomBytes(size, 0x80, 0x100),
        // Latin-1 text (a host name in a comment, a value) and bytes that are never UTF-8.
        ["invalid UTF-8 in settings"] = size => Repeat(Encoding.Latin1.GetBytes("# h\u00f4te\nname = 'caf\u00e9'\nextra = '\u00ff\u00fe'\n"), size),
        ["one huge line"] = size => Repeat("a = 1;"u8, size),
    };

    /// <summary>
    /// Realistic settings: a host's worth of guests, each a paravirtualised config like tests/samples/pv-guest.cfg
    /// with its own name, volumes and MAC address (so the file is not one block repeated).
    /// </summary>
    public static byte[] ValidSettings(int size)
    {
        var builder = new StringBuilder(size + 1024);
        for (var i = 0; builder.Length < size; i++)
        {
            builder.Append("# Guest ").Append(i).Append(": a paravirtualised Linux guest on LVM, booted with pygrub.\n")
                .Append("name       = \"web").Append(i).Append("\"\n")
                .Append("type       = \"pv\"\n")
                .Append("memory     = 1024\n")
                .Append("maxmem     = 2048\n")
                .Append("vcpus      = 2\n")
                .Append("bootloader = \"pygrub\"\n")
                .Append("disk       = [ 'format=raw, vdev=xvda, access=rw, target=/dev/vg0/web").Append(i).Append("-root',\n")
                .Append("               'format=raw, vdev=xvdb, access=rw, target=/dev/vg0/web").Append(i).Append("-swap' ]\n")
                .Append("vif        = [ 'mac=00:16:3e:").Append((i >> 16) & 0xff, 2).Append(':').Append((i >> 8) & 0xff, 2).Append(':')
                .Append(i & 0xff, 2).Append(", bridge=xenbr0' ]\n")
                .Append("on_crash   = \"restart\"\n\n");
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static StringBuilder Append(this StringBuilder builder, int value, int hexDigits) =>
        builder.Append(value.ToString("x" + hexDigits, System.Globalization.CultureInfo.InvariantCulture));

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Repeat(ReadOnlySpan<byte> unit, int size)
    {
        var bytes = new byte[(size + unit.Length - 1) / unit.Length * unit.Length];
        for (var offset = 0; offset < bytes.Length; offset += unit.Length)
        {
            unit.CopyTo(bytes.AsSpan(offset));
        }

        return bytes;
    }

    private static byte[] RandomBytes(int size, int low, int high)
    {
        var random = new Random(7);
        var bytes = new byte[size];
        for (var i = 0; i < size; i++)
        {
            bytes[i] = (byte)random.Next(low, high);
        }

        return bytes;
    }

    /// <summary>
    /// Parses a small piece of the input often enough for the runtime to compile the parser's hot paths with
    /// full optimisation (tiered compilation starts every method unoptimised), so the timings compare like with like.
    /// </summary>
    public static void WarmUp(Func<int, byte[]> generate)
    {
        var bytes = generate(16 * 1024);
        for (var i = 0; i < 40; i++)
        {
            _ = SyntaxTree.ParseBytes(bytes).GetDiagnostics();
        }

        Thread.Sleep(200);
    }

    /// <summary>
    /// How the parser's processor time and the memory its tree keeps grow with the input: time at the five sizes
    /// <see cref="Scaling.Doublings"/> gives up to <paramref name="largest"/> (the best of three runs, see
    /// <see cref="Scaling"/>), memory at an eighth, a quarter and half of <paramref name="full"/> and at
    /// <paramref name="full"/> itself (see the class remarks), whose input and tree are returned with the memory the
    /// tree keeps.
    /// </summary>
    public static (ScalingFit Time, ScalingFit Memory, byte[] Bytes, SyntaxTree Tree, long RetainedBytes) MeasureParse(Func<int, byte[]> generate, int largest, int full)
    {
        var time = Scaling.ProcessorTime(Scaling.Doublings(largest), size =>
        {
            var bytes = generate(size);
            return () => SyntaxTree.ParseBytes(bytes).GetDiagnostics();
        });

        var memory = new List<ScalingSample>();
        foreach (var size in new[] { full / 8, full / 4, full / 2 })
        {
            var bytes = generate(size);
            memory.Add(new ScalingSample(bytes.Length, Retained(bytes)));
        }

        var fullBytes = generate(full);
        var retained = Retained(fullBytes, out var tree);
        memory.Add(new ScalingSample(fullBytes.Length, retained));
        return (time, Scaling.Fit(memory), fullBytes, tree, retained);
    }

    /// <summary>Inputs below this size are measured three times (see the class remarks).</summary>
    private const int SmallInput = 1024 * 1024;

    /// <summary>The memory the tree of <paramref name="bytes"/> keeps (see <see cref="Retained(byte[], out SyntaxTree)"/>).</summary>
    private static long Retained(byte[] bytes) => Retained(bytes, out _);

    /// <summary>
    /// Parses <paramref name="bytes"/> and measures the memory the tree keeps (see the class remarks): once for a
    /// large input, the median of three readings for a small one; <paramref name="tree"/> is the last reading's tree.
    /// </summary>
    private static long Retained(byte[] bytes, out SyntaxTree tree)
    {
        var readings = new long[bytes.Length >= SmallInput ? 1 : 3];
        SyntaxTree? kept = null;
        for (var reading = 0; reading < readings.Length; reading++)
        {
            readings[reading] = RetainedOnce(bytes, ref kept);
        }

        Array.Sort(readings);
        tree = kept!;
        return readings[readings.Length / 2];
    }

    /// <summary>
    /// Parses and measures once, leaving the tree in <paramref name="kept"/>. The tree an earlier reading left there
    /// is dropped first: still reachable during this reading, it would be subtracted from it.
    /// </summary>
    private static long RetainedOnce(byte[] bytes, ref SyntaxTree? kept)
    {
        kept = null;
        var before = FullCollect();
        kept = SyntaxTree.ParseBytes(bytes);
        _ = kept.GetDiagnostics();
        return FullCollect() - before;
    }

    public static long FullCollect()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
