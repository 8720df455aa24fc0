using System.Globalization;
using System.Runtime.InteropServices;

namespace Graph.Benchmarks.Fanout;

/// <summary>
/// What limits how many sockets one machine can open to itself: the open-file limit (every socket takes a descriptor
/// in the driver and another in the server, which inherits the driver's limit) and the ephemeral port range (every
/// client socket to the one server address takes a local port).
/// </summary>
internal static class ResourceLimits
{
    /// <summary>Descriptors a process needs beyond its sockets (assemblies, pipes, epoll, the runtime's own).</summary>
    private const int Spare = 512;

    /// <summary>
    /// Raises the soft open-file limit of this process (and of the children it starts afterwards) to hold
    /// <paramref name="sockets"/> sockets, as far as the hard limit allows; returns a line describing the limits, or an
    /// error when they are too low.
    /// </summary>
    public static string Ensure(int sockets, out string? error)
    {
        error = null;
        var needed = (ulong)sockets + Spare;
        var notes = new List<string>();
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            var resource = OperatingSystem.IsLinux() ? 7 : 8; // RLIMIT_NOFILE
            if (GetRLimit(resource, out var limit) == 0)
            {
                var before = limit.Current;
                if (limit.Current < needed && limit.Max >= needed)
                {
                    limit.Current = needed;
                    if (SetRLimit(resource, in limit) != 0)
                    {
                        limit.Current = before;
                    }
                }
                notes.Add(limit.Current == before
                    ? $"open files {Format(limit.Current)} (hard {Format(limit.Max)})"
                    : $"open files raised from {Format(before)} to {Format(limit.Current)} (hard {Format(limit.Max)})");
                if (limit.Current < needed)
                {
                    error = $"{sockets} subscribers need {needed} open files per process, but the limit is {Format(limit.Current)} " +
                        $"(hard {Format(limit.Max)}): raise it (ulimit -n, or nofile in /etc/security/limits.conf) or use fewer subscribers.";
                }
            }
        }
        if (OperatingSystem.IsLinux() && File.Exists("/proc/sys/net/ipv4/ip_local_port_range"))
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")
                .Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
                .Select(p => int.Parse(p, CultureInfo.InvariantCulture))
                .ToArray();
            var ports = range[1] - range[0] + 1;
            notes.Add($"ephemeral ports {range[0]}-{range[1]} ({ports})");
            if (ports < sockets + 100)
            {
                error ??= $"{sockets} subscribers need as many local ports, but the ephemeral range {range[0]}-{range[1]} has {ports}: " +
                    "widen net.ipv4.ip_local_port_range or use fewer subscribers.";
            }
        }
        return string.Join(", ", notes);
    }

    private static string Format(ulong value) => value == ulong.MaxValue ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

    [DllImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static extern int SetRLimit(int resource, in RLimit limit);
}
