using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace NetGen.Benchmarks;

/// <summary>
/// After a run, the tables benchmarks/README.md shows: for each network and operation the median ns per example of
/// generated code, <see cref="ReferenceNetwork{T}"/> and the TensorPrimitives baseline, with the ratios
/// reference ÷ generated and TensorPrimitives ÷ generated (how many times faster the generated code is); the
/// generator and compile times; the optimizer steps per parameter against the network's plain step; and, from
/// <see cref="OnnxRuntimeBenchmarks"/>, ONNX Runtime against the generated Forward. Printed and written to
/// BenchmarkDotNet.Artifacts/results/NetGen-summary.md.
/// </summary>
public static class SummaryPrinter
{
    private static readonly (string Method, string Label)[] Operations =
        [("TrainBatch32", "TrainBatch, batch 32"), ("TrainBatch1", "TrainBatch, batch 1"), ("Forward", "Forward")];

    private static readonly (string Method, string Label)[] OptimizerSteps =
    [
        ("NetworkStep", "network `Step`, θ ← θ − η·g"),
        ("Sgd", "`Sgd`"),
        ("SgdMomentum", "`Sgd`, momentum 0.9"),
        ("Adam", "`Adam`"),
        ("AdamW", "`AdamW` (weight decay 0.01)"),
        ("RmsProp", "`RmsProp`"),
    ];

    public static void Print(IEnumerable<Summary> summaries, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(writer);
        var results = new Dictionary<(string Method, string Network), (double MedianNs, long? Bytes)>();
        string? resultsDirectory = null;
        foreach (Summary summary in summaries)
        {
            resultsDirectory ??= summary.ResultsDirectoryPath;
            foreach (BenchmarkReport report in summary.Reports)
            {
                if (report.ResultStatistics is null) continue;
                string network = report.BenchmarkCase.Parameters["Network"] as string ?? "";
                string method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
                results[(method, network)] = (report.ResultStatistics.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
            }
        }
        if (results.Count == 0) return;

        string text = Format(results);
        writer.WriteLine();
        writer.WriteLine(text);
        if (resultsDirectory is not null)
        {
            Directory.CreateDirectory(resultsDirectory);
            string path = Path.Combine(resultsDirectory, "NetGen-summary.md");
            File.WriteAllText(path, text);
            writer.WriteLine($"(also written to {path})");
        }
    }

    private static string Format(Dictionary<(string Method, string Network), (double MedianNs, long? Bytes)> results)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Machine: {Machine.Describe()}");
        text.AppendLine();

        if (results.Keys.Any(k => k.Method.StartsWith("Generated_", StringComparison.Ordinal)))
        {
            text.AppendLine("ns per example (median), float32, one thread; ratio = other ÷ generated (how many times faster the generated code is)");
            text.AppendLine();
            text.AppendLine("| network | operation | generated | ReferenceNetwork | TensorPrimitives | reference ÷ generated | TensorPrimitives ÷ generated | generated B/op |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (string network in Workload.Names)
            {
                foreach ((string method, string label) in Operations)
                {
                    if (!results.TryGetValue(($"Generated_{method}", network), out var generated)) continue;
                    results.TryGetValue(($"Reference_{method}", network), out var reference);
                    results.TryGetValue(($"TensorPrimitives_{method}", network), out var baseline);
                    text.AppendLine(culture,
                        $"| {network} | {label} | {Ns(generated.MedianNs)} | {Ns(reference.MedianNs)} | {Ns(baseline.MedianNs)} | " +
                        $"{Ratio(reference.MedianNs, generated.MedianNs)} | {Ratio(baseline.MedianNs, generated.MedianNs)} | {generated.Bytes?.ToString(culture) ?? "–"} |");
                }
            }
            text.AppendLine();
        }

        if (results.TryGetValue(("NetworkStep", ""), out var plain))
        {
            text.AppendLine(culture, $"One optimizer step over the {OptimizerBenchmarks.ParameterCount:N0} parameters of 784-128-10 (median ns per parameter), float32, one thread; ratio = ÷ the network's plain step");
            text.AppendLine();
            text.AppendLine("| step | ns per parameter | ÷ plain step | B/op |");
            text.AppendLine("|---|---:|---:|---:|");
            foreach ((string method, string label) in OptimizerSteps)
            {
                if (!results.TryGetValue((method, ""), out var step)) continue;
                text.AppendLine(culture,
                    $"| {label} | {step.MedianNs.ToString("N3", culture)} | {(step.MedianNs / plain.MedianNs).ToString("N2", culture)}× | {step.Bytes?.ToString(culture) ?? "–"} |");
            }
            text.AppendLine();
        }

        if (results.Keys.Any(k => k.Method.StartsWith("OnnxRuntime_", StringComparison.Ordinal)))
        {
            text.AppendLine("Inference against ONNX Runtime (the exported model, one thread, IOBinding over pinned buffers): ns per example (median), float32;");
            text.AppendLine("ratio = ONNX Runtime ÷ NetGen (how many times faster NetGen is), one row against Forward, 32 rows against 32 × Forward");
            text.AppendLine();
            text.AppendLine("| network | ONNX Runtime, batch 1 | ONNX Runtime, batch 32 | NetGen Forward | NetGen 32 × Forward | b1: ORT ÷ NetGen | b32: ORT ÷ NetGen | ORT b1 B/op | NetGen B/op |");
            text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (string network in Workload.Names)
            {
                if (!results.TryGetValue(("OnnxRuntime_Forward1", network), out var ort1)) continue;
                results.TryGetValue(("OnnxRuntime_Batch32", network), out var ort32);
                results.TryGetValue(("NetGen_Forward1", network), out var netgen1);
                results.TryGetValue(("NetGen_Forward32", network), out var netgen32);
                text.AppendLine(culture,
                    $"| {network} | {Ns(ort1.MedianNs)} | {Ns(ort32.MedianNs)} | {Ns(netgen1.MedianNs)} | {Ns(netgen32.MedianNs)} | " +
                    $"{Ratio(ort1.MedianNs, netgen1.MedianNs)} | {Ratio(ort32.MedianNs, netgen32.MedianNs)} | {ort1.Bytes?.ToString(culture) ?? "–"} | {netgen1.Bytes?.ToString(culture) ?? "–"} |");
            }
            text.AppendLine();
        }

        if (results.Keys.Any(k => k.Method is "Generate" or "Compile"))
        {
            text.AppendLine("Build time of one network (median): the generator, and the C# compiler on the declaration plus the generated code");
            text.AppendLine();
            text.AppendLine("| network | generated lines | generator | C# compile (Emit) | generator allocates |");
            text.AppendLine("|---|---:|---:|---:|---:|");
            foreach (string network in GeneratorBenchmarks.Networks)
            {
                results.TryGetValue(("Generate", network), out var generate);
                results.TryGetValue(("Compile", network), out var compile);
                GeneratorBenchmarks.GenerateInto(GeneratorBenchmarks.CreateCompilation(GeneratorBenchmarks.Declarations[network]), out string generated);
                int lines = generated.Count(c => c == '\n');
                text.AppendLine(culture,
                    $"| {network} | {lines:N0} | {Ms(generate.MedianNs)} | {Ms(compile.MedianNs)} | {(generate.Bytes is long b ? $"{b / 1048576.0:F1} MB" : "–")} |");
            }
        }
        return text.ToString();
    }

    private static string Ns(double ns) => ns > 0 ? ns.ToString(ns < 100 ? "N1" : "N0", CultureInfo.InvariantCulture) : "–";

    private static string Ms(double ns) => ns > 0 ? (ns / 1e6).ToString("N1", CultureInfo.InvariantCulture) + " ms" : "–";

    private static string Ratio(double other, double generated) =>
        other > 0 && generated > 0 ? (other / generated).ToString("N1", CultureInfo.InvariantCulture) + "×" : "–";
}
