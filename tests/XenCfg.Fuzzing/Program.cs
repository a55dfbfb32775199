using System.Diagnostics;
using SharpFuzz;

namespace XenCfg.Fuzzing;

/// <summary>
/// The fuzzing harness. <c>XenCfg.Fuzzing TARGET</c> runs under afl-fuzz (SharpFuzz's out-of-process loop:
/// a stack overflow or a crash of the runtime is reported as a crash rather than taking the fork server down);
/// <c>XenCfg.Fuzzing replay TARGET PATH...</c> runs files or folders of inputs once each, for triage; <c>XenCfg.Fuzzing
/// seeds DIR</c> writes the built-in spec strings into a seed folder. See README.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length >= 1 && FuzzTargets.Names.Contains(args[0]))
        {
            var target = args[0];
            Fuzzer.OutOfProcess.Run(stream =>
            {
                using var buffer = new MemoryStream();
                stream.CopyTo(buffer);
                FuzzTargets.Run(target, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            });
            return 0;
        }

        if (args.Length >= 3 && args[0] == "replay" && FuzzTargets.Names.Contains(args[1]))
        {
            return Replay(args[1], args[2..]);
        }

        if (args.Length == 2 && args[0] == "seeds")
        {
            return WriteSpecSeeds(args[1]);
        }

        Console.Error.WriteLine($"usage: XenCfg.Fuzzing TARGET | replay TARGET PATH... | seeds DIR   (targets: {string.Join(", ", FuzzTargets.Names)})");
        return 2;
    }

    /// <summary>How long one replayed input may run before it counts as a hang (afl-fuzz's default timeout here is 5 s).</summary>
    private static readonly TimeSpan ReplayTimeout = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REPLAY_TIMEOUT_S"), out var seconds) ? seconds : 20);

    private static int Replay(string target, string[] paths)
    {
        GiveInstrumentationABitmap();
        var files = paths.SelectMany<string, string>(path => Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : [path]);
        var findings = 0;
        var count = 0;
        foreach (var file in files)
        {
            count++;
            var data = File.ReadAllBytes(file);
            var stopwatch = Stopwatch.StartNew();
            var run = Task.Run(() => FuzzTargets.Run(target, data));
            try
            {
                if (!run.Wait(ReplayTimeout))
                {
                    // A thread cannot be stopped: report the hang and leave, so the caller can go on with the next file.
                    Console.WriteLine($"HANG {file} ({data.Length} bytes): still running after {ReplayTimeout.TotalSeconds} s");
                    Console.Out.Flush();
                    Environment.Exit(3);
                }

                if (stopwatch.Elapsed > TimeSpan.FromSeconds(1))
                {
                    Console.WriteLine($"SLOW {file}: {stopwatch.Elapsed.TotalSeconds:F1} s for {data.Length} bytes");
                }
            }
            catch (AggregateException aggregate) when (aggregate.InnerException is { } exception)
            {
                findings++;
                Console.WriteLine($"FINDING {file} ({data.Length} bytes): {exception.GetType().Name}: {exception.Message}");
                Console.WriteLine(exception.StackTrace);
            }
        }

        Console.WriteLine($"{target}: {count} inputs, {findings} findings");
        return findings == 0 ? 0 : 1;
    }

    /// <summary>
    /// Instrumented assemblies write coverage into AFL's shared memory; outside afl-fuzz there is none, so replaying
    /// through an instrumented build (artifacts/fuzz/bin) needs a bitmap of its own. Harmless for a plain build.
    /// </summary>
    private static unsafe void GiveInstrumentationABitmap()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
        }
    }

    /// <summary>Spec strings for the seed corpus of the spec target (the config files come from the repository's samples).</summary>
    private static int WriteSpecSeeds(string directory)
    {
        Directory.CreateDirectory(directory);
        string[] specs =
        [
            "phy:/dev/vg/lv,xvda,w", "file:/srv/xen/disk.img,hda,w!", "tap:aio:/img/a.img,xvdb,r", "tap:qcow2:/img/b.qcow2,xvdc,w",
            "/dev/vg/lv,raw,xvda,rw", "format=raw, vdev=xvda, access=rw, target=/dev/vg/guest-volume",
            "vdev=hdc,devtype=cdrom,access=ro,target=/iso/debian.iso", ",hdc:cdrom,r", "backendtype=qdisk,discard,vdev=xvdd,target=iscsi:x",
            "colo,colo-host=h,colo-port=9000,colo-export=e,active-disk=/a,hidden-disk=/h,vdev=xvde,target=/t",
            "script=block-iscsi,vdev=xvdf,target=iqn.2001-05.com.example:disk", "phy:/dev/sda,ioemu:hda,w", "xvda1", "hdz", "sdp15", "d0p3",
            "mac=00:16:3e:01:02:03,bridge=xenbr0,ip=10.0.0.2 10.0.0.3,rate=10Mb/s@50ms,vifname=vif1,type=ioemu,model=e1000",
            "bridge=xenbr0,script=vif-bridge,backend=dom0,mtu=9000,trusted,gatewaydev=eth0", "10.0.0.1", "255.255.255.0", "00:16:3e:aa:bb:cc",
            "host-name.example", "512M", "2G", "1024k", "4096s", "0x10", "root=/dev/xvda1 ro console=hvc0 init=/bin/sh -- single",
            "root=/dev/nfs nfsroot=10.0.0.1:/export/root,vers=3 ip=10.0.0.2:10.0.0.1:10.0.0.254:255.255.255.0:guest:eth0:off",
            "/dev/nfs", "10.0.0.1:/export,tcp", "dhcp", "::1", "fe80::1%eth0",
        ];
        for (var i = 0; i < specs.Length; i++)
        {
            File.WriteAllText(Path.Combine(directory, $"spec-{i:D3}.txt"), specs[i]);
        }

        return 0;
    }
}
