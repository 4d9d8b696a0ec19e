using System;
using System.Collections.Generic;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using NetGen.Benchmarks;

// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --filter '*'     every benchmark, then the ratio tables
// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --quick          a rough Stopwatch pass (seconds)
// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --quick-onnx     the same for ONNX Runtime vs Forward
// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --fma-peak       this core's fp32 FMA peak in GFLOP/s
// dotnet run -c Release --project benchmarks/NetGen.Benchmarks -- --quick-optimizers   the same for the optimizer steps only
if (args is ["--quick", ..])
{
    Quick.Run(Console.Out);
    Quick.RunOptimizers(Console.Out);
    return;
}
if (args is ["--quick-optimizers", ..])
{
    Quick.RunOptimizers(Console.Out);
    return;
}
if (args is ["--quick-onnx", ..])
{
    Quick.RunOnnx(Console.Out);
    return;
}
if (args is ["--fma-peak", ..])
{
    FmaPeak.Run(Console.Out);
    return;
}
IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(Quick).Assembly).Run(args);
SummaryPrinter.Print(summaries, Console.Out);
