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

    /// <summary>
    /// <c>--quick-onnx</c>: the cases of <see cref="OnnxRuntimeBenchmarks"/> — ONNX Runtime on 1 and 32 rows against the
    /// generated Forward and 32 × Forward — best of 5 runs, which holds up better than a median on a busy machine.
    /// </summary>
    public static void RunOnnx(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine($"Machine: {Machine.Describe()}");
        writer.WriteLine("ns per example (best of 5 runs of ~100 ms), float32, one thread; ONNX Runtime through IOBinding");
        foreach (string name in Workload.Names)
        {
            var benchmarks = new OnnxRuntimeBenchmarks { Network = name };
            benchmarks.Setup();   // also checks ONNX Runtime against Forward
            try
            {
                double ort1 = Time(() => benchmarks.OnnxRuntime_Forward1(), 1);
                double ort32 = Time(() => benchmarks.OnnxRuntime_Batch32(), Workload.MaxBatch);
                double netgen1 = Time(() => benchmarks.NetGen_Forward1(), 1);
                double netgen32 = Time(() => benchmarks.NetGen_Forward32(), Workload.MaxBatch);
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-13} ONNX Runtime b1 {ort1,9:F1}   b32 {ort32,8:F1}   NetGen Forward {netgen1,8:F1}   32 x Forward {netgen32,8:F1}   (b1 {ort1 / netgen1:F1}x, b32 {ort32 / netgen32:F2}x)"));
            }
            finally
            {
                benchmarks.Cleanup();
            }
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
