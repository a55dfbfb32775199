using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace XenCfg.TestKit;

/// <summary>One measurement of a cost at an input size.</summary>
public readonly record struct ScalingSample(double Size, double Cost);

/// <summary>Samples of a cost at several sizes, and the exponent k of the power law cost = c * size^k fitted to them (see <see cref="Scaling.Fit"/>).</summary>
public sealed record ScalingFit(IReadOnlyList<ScalingSample> Samples, double Exponent)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"exponent {Exponent:F2} from ")
        + string.Join(", ", Samples.Select(sample => string.Create(CultureInfo.InvariantCulture, $"{sample.Size:N0}: {sample.Cost:G3}")));
}

/// <summary>
/// How a cost grows with the size of the input, measured so that a busy machine cannot fail a linear algorithm:
/// the processor time of the measuring thread (not the wall clock, which grows when other processes take the
/// processor), at five sizes each twice the last; at each size the best of three runs, each run starting after a
/// full collection (so no run pays for another's garbage) and repeating the action until it is long enough to time;
/// then the exponent fitted to the samples (<see cref="Fit"/>). Linear code gives about 1 (n log n about 1.1),
/// quadratic code 2; <see cref="LinearLimit"/> lies between them. Speed itself is not checked here: that is for the
/// benchmarks (tests/XenCfg.Benchmarks).
/// </summary>
public static class Scaling
{
    /// <summary>The largest exponent accepted as linear.</summary>
    public const double LinearLimit = 1.5;

    /// <summary>Runs shorter than this are repeated (and the time divided) so that the clock's resolution does not matter.</summary>
    public static readonly TimeSpan MinimumRunTime = TimeSpan.FromMilliseconds(50);

    /// <summary>Five sizes ending at <paramref name="largest"/>, each twice the previous one.</summary>
    public static int[] Doublings(int largest) => [largest / 16, largest / 8, largest / 4, largest / 2, largest];

    /// <summary>
    /// The processor time of <paramref name="prepare"/>(size)'s action at each size: for each size the action is
    /// made once (so making the input is not timed) and timed <paramref name="runs"/> times, and the fastest run
    /// counts (a collection or a cache miss that falls into a run only ever makes it slower).
    /// </summary>
    public static ScalingFit ProcessorTime(IEnumerable<int> sizes, Func<int, Action> prepare, int runs = 3)
    {
        var samples = new List<ScalingSample>();
        foreach (var size in sizes)
        {
            samples.Add(new ScalingSample(size, BestSecondsPerCall(prepare(size), runs)));
        }

        return Fit(samples);
    }

    /// <summary>The processor time of one call of <paramref name="action"/>: the best of <paramref name="runs"/> timings.</summary>
    public static double BestSecondsPerCall(Action action, int runs = 3)
    {
        var best = double.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            best = Math.Min(best, SecondsPerCall(action));
        }

        return best;
    }

    /// <summary>
    /// The exponent of the power law through <paramref name="samples"/> (at least three, of distinct sizes, all above
    /// zero): the median of the slopes of log(cost) against log(size) between every two samples (the Theil-Sen
    /// estimator), so that one disturbed sample, or one step where the data outgrows a processor cache, cannot
    /// carry the fit as it would a least-squares line.
    /// </summary>
    public static ScalingFit Fit(IReadOnlyList<ScalingSample> samples)
    {
        if (samples.Count < 3 || samples.Any(sample => sample.Size <= 0 || sample.Cost <= 0) || samples.DistinctBy(sample => sample.Size).Count() != samples.Count)
        {
            throw new ArgumentException("a fit needs at least three samples of distinct sizes, all above zero: " + string.Join(", ", samples), nameof(samples));
        }

        var slopes = new List<double>();
        for (var i = 0; i < samples.Count; i++)
        {
            for (var j = i + 1; j < samples.Count; j++)
            {
                slopes.Add(Math.Log(samples[j].Cost / samples[i].Cost) / Math.Log(samples[j].Size / samples[i].Size));
            }
        }

        slopes.Sort();
        var middle = slopes.Count / 2;
        var median = slopes.Count % 2 == 1 ? slopes[middle] : (slopes[middle - 1] + slopes[middle]) / 2;
        return new ScalingFit(samples, median);
    }

    /// <summary>The processor time of one call of <paramref name="action"/>, repeated until the calls together take <see cref="MinimumRunTime"/>.</summary>
    private static double SecondsPerCall(Action action)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        GC.WaitForPendingFinalizers();
        var calls = 0;
        var start = ThreadProcessorTime();
        TimeSpan elapsed;
        do
        {
            action();
            calls++;
            elapsed = ThreadProcessorTime() - start;
        }
        while (elapsed < MinimumRunTime);

        return elapsed.TotalSeconds / calls;
    }

    /// <summary>
    /// The processor time the calling thread has used: on Linux from clock_gettime(CLOCK_THREAD_CPUTIME_ID), to the
    /// nanosecond; elsewhere the whole process's, which /proc-based clocks give only to 10 ms.
    /// </summary>
    public static TimeSpan ThreadProcessorTime()
    {
        if (OperatingSystem.IsLinux() && NativeMethods.clock_gettime(NativeMethods.ClockThreadCpuTimeId, out var time) == 0)
        {
            return TimeSpan.FromTicks((time.Seconds * 1_000_000_000 + time.Nanoseconds) / 100);
        }

        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static class NativeMethods
    {
        public const int ClockThreadCpuTimeId = 3;

        [StructLayout(LayoutKind.Sequential)]
        public struct TimeSpec
        {
            public long Seconds;
            public long Nanoseconds;
        }

        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int clock_gettime(int clock, out TimeSpec time);
    }
}
