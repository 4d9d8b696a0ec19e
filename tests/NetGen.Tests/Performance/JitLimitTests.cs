using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Xunit;

namespace NetGen.Tests.Performance;

/// <summary>
/// No generated method may be so large that the JIT gives up optimising it: a method over any of the JIT's size limits
/// is compiled with MinOpts (no register allocation of locals, no inlining, no loop optimisations), which made a fully
/// unrolled 784-16-16-10 three times slower than the interpreter. Checked twice: statically, on the IL of every method
/// of the generated classes, and by asking the JIT itself in a child process.
/// </summary>
/// <remarks>
/// The limits, from dotnet/runtime src/coreclr/jit — jitconfigvalues.h (older runtimes: compiler.h, struct Options):
/// <code>
/// #define DEFAULT_MIN_OPTS_CODE_SIZE 60000      // IL bytes           (info.compILCodeSize)
/// #define DEFAULT_MIN_OPTS_INSTR_COUNT 20000    // IL instructions    (opts.instrCount)
/// #define DEFAULT_MIN_OPTS_BB_COUNT 2000        // basic blocks       (fgBBcount)
/// #define DEFAULT_MIN_OPTS_LV_NUM_COUNT 2000    // locals + arguments (lvaCount)
/// #define DEFAULT_MIN_OPTS_LV_REF_COUNT 8000    // local/argument references in the IL (opts.lvRefCount)
/// </code>
/// Compiler::compSetOptimizationLevel (compiler.cpp) switches a method to MinOpts when any count exceeds its limit
/// (release builds compare against these constants; the knobs that change them, DOTNET_JITMinOptsCodeSize and the
/// like, exist in debug builds of the runtime only). The counts are taken by fgFindJumpTargets (fgbasic.cpp) on the IL
/// before importing it, which <see cref="IlStatistics"/> reproduces; lvaCount there is the arguments and IL locals
/// plus a few JIT temps.
/// Below the switch there are softer cliffs that this test does not hold the emitter to (the largest generated method
/// of these networks, in 784-16-16-10, has about 300 locals and arguments today): a method with lvaCount ≥
/// MAX_LV_NUM_COUNT_FOR_INLINING (512, older runtimes) or ≥ 0.9 × JitMaxLocalsToTrack (0x400, newer: fginline.cpp,
/// lvaHaveManyLocals(0.9f)) inlines nothing more, and only the first JitMaxLocalsToTrack = 1024 locals are tracked
/// (candidates for registers).
/// </remarks>
public sealed class JitLimitTests
{
    // Half of each JIT limit: the JIT's counts differ a little from the IL's (temps, blocks it splits), and the margin
    // leaves room for the emitter to grow before the switch is near.
    private const int MaxIlBytes = 60000 / 2;
    private const int MaxInstructions = 20000 / 2;
    private const int MaxBasicBlocks = 2000 / 2;
    private const int MaxVariables = 2000 / 2;
    private const int MaxVariableReferences = 8000 / 2;

    /// <summary>The generated classes held to the limits.</summary>
    public static TheoryData<string> Networks => [nameof(Perf784_128_10), nameof(Perf784_300_100_10), nameof(Perf784_16_16_10)];

    private static Type TypeOf(string name) => typeof(JitLimitTests).Assembly.GetType($"{typeof(JitLimitTests).Namespace}.{name}", throwOnError: true)!;

    [Theory]
    [MemberData(nameof(Networks))]
    public void Every_generated_method_is_within_the_JIT_optimisation_limits(string network)
    {
        IlStatistics[] methods = [.. IlStatistics.MethodsOf(TypeOf(network)).Select(IlStatistics.Of)];

        // The generated surface is there: the test reads the real methods, not an empty class.
        Assert.Contains(methods, m => m.Method.EndsWith(".TrainBatch", StringComparison.Ordinal));
        Assert.Contains(methods, m => m.Method.EndsWith(".Forward", StringComparison.Ordinal));
        Assert.True(methods.Length >= 10, $"Only {methods.Length} methods found in {network}.");

        // The largest of each count, for the log (dotnet test -v n, or the runner's -showLiveOutput).
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{network}: {methods.Length} methods; largest IL {methods.Max(m => m.IlBytes)} bytes, {methods.Max(m => m.Instructions)} instructions, " +
            $"{methods.Max(m => m.BasicBlocks)} blocks, {methods.Max(m => m.Variables)} variables, {methods.Max(m => m.VariableReferences)} references");

        string[] over = [.. methods
            .Where(m => m.IlBytes > MaxIlBytes || m.Instructions > MaxInstructions || m.BasicBlocks > MaxBasicBlocks
                || m.Variables > MaxVariables || m.VariableReferences > MaxVariableReferences)
            .Select(m => m.ToString())];
        Assert.True(over.Length == 0,
            $"Generated methods of {network} beyond half of a JIT MinOpts limit (IL {MaxIlBytes} bytes, {MaxInstructions} instructions, " +
            $"{MaxBasicBlocks} blocks, {MaxVariables} variables, {MaxVariableReferences} references):\n" + string.Join("\n", over));
    }

    [Fact]
    public void The_IL_reader_counts_what_the_JIT_counts()
    {
        // A method whose IL is known: static int Sample(int x) { int y = x + 1; if (y > 2) y = 0; return y; }
        // compiles (Release) to ldarg.0 ldc.i4.1 add stloc.0 ldloc.0 ldc.i4.2 ble.s L ldc.i4.0 stloc.0 L: ldloc.0 ret.
        IlStatistics sample = IlStatistics.Of(typeof(JitLimitTests).GetMethod(nameof(Sample), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!);
        Assert.Equal(2, sample.Variables);             // x and y
        Assert.Equal(5, sample.VariableReferences);    // ldarg.0, stloc.0, ldloc.0, stloc.0, ldloc.0
        Assert.Equal(11, sample.Instructions);
        Assert.Equal(3, sample.BasicBlocks);           // the start, after ble.s, the branch target
        Assert.Equal(12, sample.IlBytes);
    }

    // The method whose IL The_IL_reader_counts_what_the_JIT_counts reads.
    private static int Sample(int x)
    {
        int y = x + 1;
        if (y > 2) y = 0;
        return y;
    }

    [Fact]
    public void The_JIT_compiles_every_generated_method_it_runs_with_full_optimisation()
    {
        // The JIT's own verdict: this test assembly runs WideNetworkTests in a child process with tiering off (every
        // method compiled once, optimised) and the JIT's summary of every method it compiled on its standard output.
        // A line of that summary reads:
        //    5: JIT compiled NetGen.Tests.Performance.Perf784_128_10:TrainBatch(System.ReadOnlySpan`1[float],...) [FullOpts, IL size=251, code size=1034]
        // and a method the JIT refused to optimise shows MinOpts where FullOpts is.
        IReadOnlyList<JitSummaryLine> lines = ChildProcess.RunWithJitSummary(typeof(WideNetworkTests), minOpts: false);
        foreach (string network in new[] { nameof(Perf784_128_10), nameof(Perf784_300_100_10), nameof(Perf784_16_16_10) })
        {
            string type = TypeOf(network).FullName!;
            JitSummaryLine[] compiled = [.. lines.Where(l => l.Type == type || l.Type.StartsWith(type + "+", StringComparison.Ordinal))];
            Assert.Contains(compiled, l => l.Method.StartsWith("TrainBatch(", StringComparison.Ordinal));
            Assert.Contains(compiled, l => l.Method.StartsWith("Forward(", StringComparison.Ordinal));
            Assert.Contains(compiled, l => l.Method.StartsWith("Backward(", StringComparison.Ordinal));
            Assert.Contains(compiled, l => l.Method.StartsWith("Step(", StringComparison.Ordinal));
            string[] notOptimised = [.. compiled.Where(l => !l.Tier.StartsWith("FullOpts", StringComparison.Ordinal)).Select(l => l.Text)];
            Assert.True(notOptimised.Length == 0, $"Methods of {network} the JIT did not fully optimise:\n" + string.Join("\n", notOptimised));
        }
    }

    [Fact]
    public void The_JIT_summary_shows_MinOpts_when_optimisation_is_off()
    {
        // The control of the test above: with DOTNET_JITMinOpts=1 the same run must report MinOpts for the same
        // methods, so that a summary in which every method says FullOpts means something.
        IReadOnlyList<JitSummaryLine> lines = ChildProcess.RunWithJitSummary(typeof(WideNetworkTests), minOpts: true);
        string type = typeof(Perf784_128_10).FullName!;
        JitSummaryLine trainBatch = Assert.Single(lines, l => l.Type == type && l.Method.StartsWith("TrainBatch(", StringComparison.Ordinal));
        Assert.Equal("MinOpts", trainBatch.Tier);
    }
}

/// <summary>One line of the JIT's DOTNET_JitDisasmSummary output.</summary>
/// <param name="Type">The full name of the method's type, e.g. NetGen.Tests.Performance.Perf784_128_10.</param>
/// <param name="Method">The method with its signature, e.g. TrainBatch(System.ReadOnlySpan`1[float],...).</param>
/// <param name="Tier">The optimisation level: FullOpts, MinOpts, Tier0, Tier1, ... possibly followed by " with ... PGO".</param>
/// <param name="Text">The whole line.</param>
public sealed record JitSummaryLine(string Type, string Method, string Tier, string Text)
{
    private static readonly Regex s_line = new(@"JIT compiled (?<type>[^:\s]+):(?<method>.+) \[(?<tier>[^,\]]+)[,\]]", RegexOptions.CultureInvariant);

    public static JitSummaryLine? Parse(string text)
    {
        Match match = s_line.Match(text);
        return match.Success ? new JitSummaryLine(match.Groups["type"].Value, match.Groups["method"].Value, match.Groups["tier"].Value.Trim(), text.Trim()) : null;
    }
}

/// <summary>Runs tests of this assembly in a child process (the assembly is an xunit v3 executable) under JIT settings.</summary>
internal static class ChildProcess
{
    /// <summary>
    /// Runs the tests of <paramref name="testClass"/> in a child process with tiered compilation off, so that every
    /// method is compiled once and optimised unless the JIT refuses (DOTNET_TieredCompilation=0), and returns the JIT's
    /// summary of every method it compiled (DOTNET_JitDisasmSummary=1); with <paramref name="minOpts"/>, every method is
    /// compiled without optimisation (DOTNET_JITMinOpts=1). Fails if the child's tests do not all pass.
    /// </summary>
    /// <remarks>
    /// The summary is read from the child's standard output, with xunit's own reporting silenced and its results
    /// written to an XML file instead. DOTNET_JitStdOutFile (the summary to a file) would be simpler, but on .NET 10.0.12
    /// it crashed the child at exit in 2 of 8 runs here (glibc "free(): corrupted unsorted chunks" after the tests had
    /// passed: the JIT closes the file at shutdown while another thread may still be compiling, the race that
    /// dotnet/coreclr#18060 removed for the JIT's other output file); the same runs to standard output never crashed.
    /// </remarks>
    public static IReadOnlyList<JitSummaryLine> RunWithJitSummary(Type testClass, bool minOpts)
    {
        string assembly = typeof(ChildProcess).Assembly.Location;
        string results = Path.Combine(Path.GetTempPath(), $"netgen-jit-{Environment.ProcessId}-{Guid.NewGuid():N}.xml");
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "exec", assembly, "-class", testClass.FullName!, "-parallelMode", "none",
            "-reporter", "silent", "-noAutoReporters", "-noColor", "-result-xml", results,
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_TieredCompilation"] = "0";
        start.Environment["DOTNET_JitDisasmSummary"] = "1";
        start.Environment.Remove("DOTNET_JitStdOutFile");
        if (minOpts) start.Environment["DOTNET_JITMinOpts"] = "1";
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            string stdout = process.StandardOutput.ReadToEnd();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "The child test process did not finish within 5 minutes.");
            Assert.True(process.ExitCode == 0, $"The child test run exited with code {process.ExitCode}:\n{stderr.Result}");

            // Every test of the class ran in the child, and passed.
            XElement run = XDocument.Load(results).Root!.Element("assembly")!;
            int total = (int)run.Attribute("total")!, passed = (int)run.Attribute("passed")!;
            Assert.True(total > 0 && passed == total, $"{passed} of {total} tests of {testClass.Name} passed in the child process.");

            JitSummaryLine[] lines = [.. stdout.Split('\n').Select(JitSummaryLine.Parse).OfType<JitSummaryLine>()];
            Assert.NotEmpty(lines);
            return lines;
        }
        finally
        {
            File.Delete(results);
        }
    }

    /// <summary>The dotnet host that runs this test: DOTNET_HOST_PATH (set by the SDK for dotnet test), this process if
    /// it is dotnet, else dotnet from the PATH.</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        string? process = Environment.ProcessPath;
        if (process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet") return process;
        return "dotnet";
    }
}
