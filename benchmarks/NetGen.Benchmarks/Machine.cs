using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NetGen.Benchmarks;

/// <summary>One line that says where numbers were measured: CPU model, cores, OS, .NET, SIMD width, date.</summary>
public static class Machine
{
    public static string Describe()
    {
        string simd = Vector512.IsHardwareAccelerated ? "AVX-512" : Vector256.IsHardwareAccelerated ? "256-bit SIMD" : Vector128.IsHardwareAccelerated ? "128-bit SIMD" : "no SIMD";
        return string.Create(CultureInfo.InvariantCulture,
            $"{CpuModel()}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.FrameworkDescription}, " +
            $"Vector<float>.Count = {Vector<float>.Count} ({simd}), {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
    }

    private static string CpuModel()
    {
        try
        {
            const string cpuinfo = "/proc/cpuinfo";
            if (File.Exists(cpuinfo))
            {
                string? line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (line is not null) return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }
        catch (IOException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
