using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// What the emitter derives from a <see cref="NetworkModel"/> before writing: the number of each layer in the
/// calculus' notation (a0 the input, a1..aL the layers), offsets in the parameter vector, and how each layer is emitted.
/// </summary>
internal sealed class NetworkPlan
{
    /// <summary>
    /// A layer is written out as straight-line code (one named local per weight, one line per product) up to this
    /// many weights; wider layers use loops with constant bounds over SIMD kernels, so that no method grows past
    /// what the JIT optimises.
    /// </summary>
    public const int UnrollWeightLimit = 256;

    public NetworkPlan(NetworkModel model)
    {
        Model = model;
        IsDouble = model.Precision == PrecisionKind.Double;
        T = IsDouble ? "double" : "float";
        Input = model.Inputs[0];
        int offset = 0;
        var layers = new List<LayerPlan>();
        for (int l = 0; l < model.Layers.Count; l++)
        {
            LayerModel layer = model.Layers[l];
            int fanIn = l == 0 ? Input.Size : model.Layers[l - 1].Size;
            layers.Add(new LayerPlan(l + 1, layer, fanIn, offset));
            offset += layer.Size * fanIn + layer.Size;
        }
        Layers = layers;
        ParameterCount = offset;
        Output = model.Outputs[0];
        InputCount = model.Inputs.Sum(i => i.Size);
        OutputCount = Last.Size;
    }

    public NetworkModel Model { get; }
    public bool IsDouble { get; }
    /// <summary>The C# keyword of the element type: float or double.</summary>
    public string T { get; }
    public InputModel Input { get; }
    public OutputModel Output { get; }
    public IReadOnlyList<LayerPlan> Layers { get; }
    public LayerPlan Last => Layers[Layers.Count - 1];
    public int ParameterCount { get; }
    public int InputCount { get; }
    public int OutputCount { get; }

    /// <summary>
    /// True when TrainBatch runs the lane form (every scalar a Vector&lt;T&gt;, one example per lane): no layer wider than
    /// <see cref="LaneWidthLimit"/> and an output small enough for a straight-line cost. Networks with a wider layer (a
    /// 784-pixel input) run SIMD loops along the layer for one example at a time instead: there the vectors are already
    /// full, and moving 784 inputs into lanes would only add work.
    /// </summary>
    public bool UsesLanes => InputCount <= LaneWidthLimit && Layers.All(l => l.Size <= LaneWidthLimit) && OutputCount <= 32;

    /// <summary>The widest input or layer the lane form takes.</summary>
    public const int LaneWidthLimit = 64;

    /// <summary>The rows from which TrainBatch goes multi-core: about 10⁶ multiply-adds per batch (~100 µs on one core,
    /// against ~10–30 µs to start and join the workers), and never below 32 rows.</summary>
    public int ParallelBatchThreshold => System.Math.Max(32, (1_000_000 + ParameterCount - 1) / ParameterCount);

    /// <summary>True when the cost's derivative arrives as ∂C/∂z of a Softmax layer (cross-entropy), not as ∂C/∂a.</summary>
    public bool CostGivesDz => Output.Loss == LossKind.CrossEntropy;

    /// <summary>A literal of the element type, culture-free and round-trippable: 2f, 0.01f, 2.0, 0.01.</summary>
    public string Lit(double value) => Literals.Of(value, IsDouble);

    /// <summary>Math or MathF, the class of Exp, Log and Tanh for the element type.</summary>
    public string MathClass => IsDouble ? "global::System.Math" : "global::System.MathF";

    public string ReadOnlySpan => "global::System.ReadOnlySpan<" + T + ">";
    public string Span => "global::System.Span<" + T + ">";
}

/// <summary>One dense layer: number l (1-based, so that its activations are a{l} and it reads a{l−1}), size and offsets.</summary>
internal sealed class LayerPlan
{
    public LayerPlan(int number, LayerModel model, int fanIn, int weightOffset)
    {
        Number = number;
        Model = model;
        FanIn = fanIn;
        WeightOffset = weightOffset;
        BiasOffset = weightOffset + model.Size * fanIn;
        Unrolled = model.Size * fanIn <= NetworkPlan.UnrollWeightLimit;
    }

    public int Number { get; }
    public LayerModel Model { get; }
    public int Size => Model.Size;
    public ActivationKind Activation => Model.Activation;
    public int FanIn { get; }
    public int WeightOffset { get; }
    public int BiasOffset { get; }
    public int ParameterCount => Size * FanIn + Size;
    /// <summary>Straight-line code (true) or constant-bound loops over SIMD kernels (false).</summary>
    public bool Unrolled { get; }

    /// <summary>The number of the layer read: 0 for the input.</summary>
    public int Previous => Number - 1;

    public string W(int j, int k) => $"w{Number}_{j}_{k}";
    public string B(int j) => $"b{Number}_{j}";
    public string Z(int j) => $"z{Number}_{j}";
    public string A(int j) => $"a{Number}_{j}";
    public string X(int k) => $"a{Previous}_{k}";
}

internal static class Literals
{
    public static string Of(double value, bool isDouble)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (isDouble)
        {
            string text = value.ToString("R", culture);
            return text.IndexOfAny(new[] { '.', 'E', 'e' }) >= 0 ? text : text + ".0";
        }
        return ((float)value).ToString("R", culture) + "f";
    }

    public static string Int(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
