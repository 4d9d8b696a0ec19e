using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using Microsoft.ML.OnnxRuntime;

namespace NetGen.OnnxTests;

/// <summary>
/// ONNX Runtime on an exported model, in the shape of <see cref="INetwork{T}.Forward"/>: rows of the concatenated inputs
/// in, rows of the concatenated outputs out. The flat rows are split into one tensor per graph input (by the spec's input
/// names), [rows, size] for a vector and [rows, C, H, W] for an image, and the graph outputs, in order, are put back side
/// by side.
/// </summary>
public sealed class OnnxRuntimeOracle<T> : IDisposable where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly NetworkSpec _spec;
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();

    public OnnxRuntimeOracle(NetworkSpec spec, byte[] model)
    {
        _spec = spec;
        using var options = new SessionOptions
        {
            IntraOpNumThreads = 1,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(model, options);
        OutputNames = _session.OutputNames.ToArray();
    }

    /// <summary>The graph's output names, in order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Runs <paramref name="rows"/> rows of <paramref name="inputs"/> at once and returns the rows of outputs.</summary>
    public T[] Run(ReadOnlySpan<T> inputs, int rows)
    {
        var names = new List<string>();
        var values = new List<OrtValue>();
        try
        {
            int column = 0;
            foreach (InputSpec input in _spec.Inputs)
            {
                var tensor = new T[rows * input.Size];
                for (int r = 0; r < rows; r++)
                    inputs.Slice(r * _spec.InputCount + column, input.Size).CopyTo(tensor.AsSpan(r * input.Size));
                names.Add(input.Name);
                values.Add(OrtValue.CreateTensorValueFromMemory(tensor, Dimensions(input.Shape, rows)));
                column += input.Size;
            }
            using IDisposableReadOnlyCollection<OrtValue> results = _session.Run(_runOptions, names, values, OutputNames);
            var outputs = new T[rows * _spec.OutputCount];
            column = 0;
            for (int o = 0; o < results.Count; o++)
            {
                Shape expected = _spec.ShapeOf(_spec.Outputs[o].Source);
                int size = expected.Size;
                long[] shape = results[o].GetTensorTypeAndShape().Shape;
                if (!shape.SequenceEqual(Dimensions(expected, rows)))
                    throw new InvalidOperationException($"Output '{OutputNames[o]}' has shape [{string.Join(", ", shape)}]; expected [{string.Join(", ", Dimensions(expected, rows))}].");
                ReadOnlySpan<T> data = results[o].GetTensorDataAsSpan<T>();
                for (int r = 0; r < rows; r++)
                    data.Slice(r * size, size).CopyTo(outputs.AsSpan(r * _spec.OutputCount + column));
                column += size;
            }
            return outputs;
        }
        finally
        {
            foreach (OrtValue value in values) value.Dispose();
        }
    }

    /// <summary>[rows, size] for a vector, [rows, channels, height, width] for an image (NCHW).</summary>
    private static long[] Dimensions(Shape shape, int rows) =>
        shape.IsImage ? [rows, shape.Channels, shape.Height, shape.Width] : [rows, shape.Size];

    public void Dispose()
    {
        _runOptions.Dispose();
        _session.Dispose();
    }
}
