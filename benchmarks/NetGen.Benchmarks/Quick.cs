using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;

namespace NetGen.Benchmarks;

/// <summary>
/// A rough Stopwatch measurement (<c>--quick</c>, about ten seconds per network) of the same cases as
/// <see cref="TrainingBenchmarks"/>, for use while developing; the numbers that count come from BenchmarkDotNet.
/// </summary>
public static class Quick
{
    public static void Run(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"Machine: {Machine.Describe()}");
        writer.WriteLine("ns per example (best of 5 runs of ~100 ms), float32, one thread; ratio = other ÷ generated");
        foreach (string name in Workload.Names)
        {
            Workload w = Workload.Create(name);
            Report(writer, name, "TrainBatch 32", Workload.MaxBatch,
                () => w.Generated.TrainBatch(w.InputRows(Workload.MaxBatch), w.TargetRows(Workload.MaxBatch), Workload.LearningRate),
                () => w.Reference.TrainBatch(w.InputRows(Workload.MaxBatch), w.TargetRows(Workload.MaxBatch), Workload.LearningRate),
                () => w.Baseline.TrainBatch(w.InputRows(Workload.MaxBatch), w.TargetRows(Workload.MaxBatch), Workload.LearningRate));
            Report(writer, name, "TrainBatch 1", 1,
                () => w.Generated.TrainBatch(w.InputRows(1), w.TargetRows(1), Workload.LearningRate),
                () => w.Reference.TrainBatch(w.InputRows(1), w.TargetRows(1), Workload.LearningRate),
                () => w.Baseline.TrainBatch(w.InputRows(1), w.TargetRows(1), Workload.LearningRate));
            Report(writer, name, "Forward", 1,
                () => w.Generated.Forward(w.InputRows(1), w.Output),
                () => w.Reference.Forward(w.InputRows(1), w.Output),
                () => w.Baseline.Forward(w.InputRows(1), w.Output));
        }
    }

    /// <summary>ns per parameter of each optimizer's step over 784-128-10's parameters, against the network's plain step.</summary>
    public static void RunOptimizers(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var b = new OptimizerBenchmarks();
        b.Setup();
        int n = OptimizerBenchmarks.ParameterCount;
        double plain = Time(b.NetworkStep, n);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ns per parameter over {n:N0} parameters (784-128-10), float32, one thread; ratio = ÷ the network's plain step"));
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"network Step",-14} {plain,7:F3}"));
        foreach ((string name, Action step) in new (string, Action)[] { ("Sgd", b.Sgd), ("Sgd momentum", b.SgdMomentum), ("Adam", b.Adam), ("AdamW", b.AdamW), ("RmsProp", b.RmsProp) })
        {
            double ns = Time(step, n);
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-14} {ns,7:F3}   {ns / plain,5:F2}x"));
        }
    }

    private static void Report(TextWriter writer, string network, string operation, int examples, Action generated, Action reference, Action baseline)
    {
        double g = Time(generated, examples), r = Time(reference, examples), t = Time(baseline, examples);
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{network,-13} {operation,-14} generated {g,9:F1}   reference {r,10:F1} ({r / g,5:F1}x)   TensorPrimitives {t,9:F1} ({t / g,5:F1}x)"));
    }

    private static double Time(Action action, int examples)
    {
        // Half a second of calls first, so that tiered compilation has replaced the first, unoptimised code.
        long warm = Stopwatch.GetTimestamp() + Stopwatch.Frequency / 2;
        while (Stopwatch.GetTimestamp() < warm) action();
        double best = double.MaxValue;
        for (int run = 0; run < 5; run++)
        {
            long budget = Stopwatch.Frequency / 10;
            int iterations = 0;
            long start = Stopwatch.GetTimestamp();
            while (Stopwatch.GetTimestamp() - start < budget) { action(); iterations++; }
            double seconds = (Stopwatch.GetTimestamp() - start) / (double)Stopwatch.Frequency;
            best = Math.Min(best, seconds * 1e9 / iterations / examples);
        }
        return best;
    }
}
