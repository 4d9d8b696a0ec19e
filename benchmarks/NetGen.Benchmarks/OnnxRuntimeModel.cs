using System;
using System.Globalization;
using System.IO;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.Benchmarks;

/// <summary>
/// A NetGen network exported with <see cref="Onnx.Save{T}(INetwork{T}, string)"/> and run by ONNX Runtime the fastest way
/// its C# API offers: one thread, sequential execution, every graph optimisation, and an <see cref="OrtIoBinding"/> made
/// once over pinned, pre-allocated input and output buffers, so that a call is <c>RunWithBinding</c> and nothing else.
/// </summary>
public sealed class OnnxRuntimeModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _inputValue, _outputValue;
    private readonly OrtIoBinding _binding;

    /// <summary>Exports <paramref name="network"/> (a single-input, single-output network) and binds <paramref name="rows"/> rows.</summary>
    public OnnxRuntimeModel(INetwork<float> network, int rows)
    {
        ArgumentNullException.ThrowIfNull(network);
        NetworkSpec spec = network.Spec;
        if (spec.Inputs.Count != 1 || spec.Outputs.Count != 1)
            throw new ArgumentException($"The ONNX Runtime benchmark binds one input and one output; the network has {spec.Inputs.Count} and {spec.Outputs.Count}.", nameof(network));
        Rows = rows;
        // The same weights as the NetGen network, through the file an application would ship.
        string path = Path.Combine(Path.GetTempPath(), "netgen-benchmark-" + Guid.NewGuid().ToString("N") + ".onnx");
        try
        {
            Onnx.Save(network, path);
            using var options = new SessionOptions
            {
                IntraOpNumThreads = 1,
                InterOpNumThreads = 1,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            };
            _session = new InferenceSession(path, options);
        }
        finally
        {
            File.Delete(path);
        }
        Input = GC.AllocateArray<float>(rows * spec.InputCount, pinned: true);
        Output = GC.AllocateArray<float>(rows * spec.OutputCount, pinned: true);
        _inputValue = OrtValue.CreateTensorValueFromMemory(Input, [rows, spec.InputCount]);
        _outputValue = OrtValue.CreateTensorValueFromMemory(Output, [rows, spec.OutputCount]);
        _binding = _session.CreateIoBinding();
        _binding.BindInput(spec.Inputs[0].Name, _inputValue);
        _binding.BindOutput(spec.Outputs[0].Source, _outputValue);
    }

    /// <summary>The number of rows bound.</summary>
    public int Rows { get; }

    /// <summary>The bound input rows (pinned): write the examples here before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The bound output rows (pinned): <see cref="Run"/> writes them.</summary>
    public float[] Output { get; }

    /// <summary>One inference of the bound rows.</summary>
    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>
    /// Runs the bound rows and throws unless every output is within 1e-5 relative (floor 0.1, as the export's tests) of
    /// <paramref name="network"/>'s Forward of the same row, so that a benchmark never times a wrong model.
    /// </summary>
    public void CheckAgainst(INetwork<float> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        Output.AsSpan().Fill(float.NaN);   // an output the run does not write fails the check
        Run();
        var expected = new float[network.OutputCount];
        for (int r = 0; r < Rows; r++)
        {
            network.Forward(Input.AsSpan(r * network.InputCount, network.InputCount), expected);
            for (int j = 0; j < expected.Length; j++)
            {
                float actual = Output[r * network.OutputCount + j];
                double deviation = Math.Abs(actual - expected[j]) / Math.Max(Math.Max(Math.Abs(actual), Math.Abs(expected[j])), 0.1);
                if (!(deviation <= 1e-5))
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"ONNX Runtime gives {actual:R} for output {j} of row {r} of {network.Spec}; NetGen's Forward gives {expected[j]:R} (relative deviation {deviation:E2}, expected at most 1e-5)."));
            }
        }
    }

    public void Dispose()
    {
        _binding.Dispose();
        _inputValue.Dispose();
        _outputValue.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
    }
}
