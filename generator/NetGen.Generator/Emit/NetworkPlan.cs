using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// What the emitter derives from a <see cref="NetworkModel"/> before writing: the symbol of every node in the calculus'
/// notation (a0 the input, a1..aL the layers in declaration order), which nodes each layer reads and which layers read
/// it (the paths the chain rule sums over), offsets in the parameter vector, and how each layer is emitted.
/// </summary>
internal sealed class NetworkPlan
{
    /// <summary>
    /// A layer is written out as straight-line code (one named local per weight, one line per product) up to this
    /// many weights; wider layers use loops with constant bounds over SIMD kernels, so that no method grows past
    /// what the JIT optimises.
    /// </summary>
    public const int UnrollWeightLimit = 256;

    /// <summary>The widest input or layer the lane form takes.</summary>
    public const int LaneWidthLimit = 64;

    public NetworkPlan(NetworkModel model)
    {
        Model = model;
        IsDouble = model.Precision == PrecisionKind.Double;
        T = IsDouble ? "double" : "float";
        IsChain = model.Inputs.Count == 1 && model.Outputs.Count == 1;

        // Declared names are unique, but not once sanitised into C# identifiers ("a-b" and "a_b"), nor necessarily apart
        // from the overloads' own parameter (gradient) and the output targets' names ("value" and "valueTarget").
        var parameterNames = new Identifiers.Unique("gradient");
        var inputSymbols = new Identifiers.Unique();
        var nodes = new Dictionary<string, NodePlan>(System.StringComparer.Ordinal);
        var inputs = new List<InputPlan>();
        int inputOffset = 0;
        foreach (InputModel input in model.Inputs)
        {
            string symbol = model.Inputs.Count == 1 ? "a0" : inputSymbols.Take("in_" + Identifiers.Sanitize(input.Name));
            var plan = new InputPlan(input.Name, input.Size, symbol, inputOffset, parameterNames.Take(Identifiers.Parameter(input.Name)));
            inputs.Add(plan);
            nodes[input.Name] = plan;
            inputOffset += input.Size;
        }
        Inputs = inputs;

        int offset = 0;
        var layers = new List<LayerPlan>();
        for (int l = 0; l < model.Layers.Count; l++)
        {
            LayerModel layer = model.Layers[l];
            var sources = new List<SourcePlan>();
            int column = 0;
            foreach (string source in layer.Sources)
            {
                NodePlan node = nodes[source];
                sources.Add(new SourcePlan(node, column));
                column += node.Size;
            }
            var plan = new LayerPlan(l + 1, layer, sources, offset);
            layers.Add(plan);
            nodes[layer.Name] = plan;
            offset += plan.ParameterCount;
        }
        Layers = layers;
        ParameterCount = offset;

        // The paths: every layer that reads a node, at the column where the node starts in the reader's input.
        foreach (LayerPlan reader in layers)
            foreach (SourcePlan source in reader.Sources)
                if (source.Node is LayerPlan read) read.Readers.Add(new ReaderPlan(reader, source.Column));

        int targetOffset = 0;
        var outputs = new List<OutputPlan>();
        foreach (OutputModel output in model.Outputs)
        {
            var layer = (LayerPlan)nodes[output.Source];
            var plan = new OutputPlan(layer, output.Loss ?? LossKind.SquaredError, output.Weight, targetOffset, parameterNames.TakeWithTarget(Identifiers.Parameter(output.Source)));
            layer.Output = plan;
            outputs.Add(plan);
            targetOffset += layer.Size;
        }
        Outputs = outputs;
        InputCount = inputOffset;
        OutputCount = targetOffset;
    }

    public NetworkModel Model { get; }
    public bool IsDouble { get; }
    /// <summary>The C# keyword of the element type: float or double.</summary>
    public string T { get; }
    /// <summary>One input and one output: the flat Forward and Backward are the only ones, written without a core method.</summary>
    public bool IsChain { get; }
    public IReadOnlyList<InputPlan> Inputs { get; }
    public IReadOnlyList<LayerPlan> Layers { get; }
    public IReadOnlyList<OutputPlan> Outputs { get; }
    public LayerPlan Last => Layers[Layers.Count - 1];
    public int ParameterCount { get; }
    public int InputCount { get; }
    public int OutputCount { get; }

    /// <summary>
    /// True when TrainBatch runs the lane form (every scalar a Vector&lt;T&gt;, one example per lane): no input or layer
    /// wider than <see cref="LaneWidthLimit"/> and outputs small enough for a straight-line cost. Networks with a wider
    /// layer (a 784-pixel input) run SIMD loops along the layer for one example at a time instead: there the vectors are
    /// already full, and moving 784 inputs into lanes would only add work.
    /// </summary>
    public bool UsesLanes =>
        Inputs.All(i => i.Size <= LaneWidthLimit) && Layers.All(l => l.Size <= LaneWidthLimit) && Outputs.All(o => o.Layer.Size <= 32);

    /// <summary>The rows from which TrainBatch goes multi-core: about 10⁶ multiply-adds per batch (~100 µs on one core,
    /// against ~10–30 µs to start and join the workers), and never below 32 rows.</summary>
    public int ParallelBatchThreshold => System.Math.Max(32, (1_000_000 + ParameterCount - 1) / System.Math.Max(1, ParameterCount));

    /// <summary>A literal of the element type, culture-free and round-trippable: 2f, 0.01f, 2.0, 0.01.</summary>
    public string Lit(double value) => Literals.Of(value, IsDouble);

    /// <summary>Math or MathF, the class of Exp, Log and Tanh for the element type.</summary>
    public string MathClass => IsDouble ? "global::System.Math" : "global::System.MathF";

    public string ReadOnlySpan => "global::System.ReadOnlySpan<" + T + ">";
    public string Span => "global::System.Span<" + T + ">";
}

/// <summary>An input or a layer: something a layer can read.</summary>
internal abstract class NodePlan
{
    /// <summary>The declared name (input, layer1, h1, ...).</summary>
    public abstract string Name { get; }
    public abstract int Size { get; }
    /// <summary>The symbol of its activations in the generated code: a0, in_x, a3 (element k is a3_k).</summary>
    public abstract string Symbol { get; }
    /// <summary>How a comment names it: "the input", "input 'x'", "layer 2".</summary>
    public abstract string Description { get; }
}

internal sealed class InputPlan(string name, int size, string symbol, int offset, string parameterName) : NodePlan
{
    public override string Name => name;
    public override int Size => size;
    public override string Symbol => symbol;
    public override string Description => symbol == "a0" ? "the input" : $"input '{name}'";
    /// <summary>Where its values start in a flat input row.</summary>
    public int Offset => offset;
    /// <summary>Its parameter name in the named Forward/Backward overloads.</summary>
    public string ParameterName => parameterName;
}

/// <summary>A source of a layer: the node read and the column where its values start in the layer's concatenated input.</summary>
internal sealed record SourcePlan(NodePlan Node, int Column);

/// <summary>A layer that reads a node, at the column where the node starts in the reader's concatenated input.</summary>
internal sealed record ReaderPlan(LayerPlan Layer, int Column);

/// <summary>An output: a layer, its loss and weight, and where its targets start in a flat target row.</summary>
internal sealed record OutputPlan(LayerPlan Layer, LossKind Loss, double Weight, int Offset, string ParameterName)
{
    /// <summary>Cross-entropy on a Softmax layer: the cost hands back ∂C/∂z directly (a − y), not ∂C/∂a.</summary>
    public bool GivesDz => Loss == LossKind.CrossEntropy;
}

/// <summary>One layer: number l (1-based, so that its activations are a{l}), what it reads, who reads it, offsets.</summary>
internal sealed class LayerPlan : NodePlan
{
    private readonly string[] _x;

    public LayerPlan(int number, LayerModel model, IReadOnlyList<SourcePlan> sources, int weightOffset)
    {
        Number = number;
        Model = model;
        Sources = sources;
        FanIn = sources.Sum(s => s.Node.Size);
        WeightOffset = weightOffset;
        BiasOffset = weightOffset + (IsDense ? model.Size * FanIn : 0);
        Unrolled = IsDense ? model.Size * FanIn <= NetworkPlan.UnrollWeightLimit : model.Size <= NetworkPlan.UnrollWeightLimit;
        _x = sources.SelectMany(s => Enumerable.Range(0, s.Node.Size).Select(k => $"{s.Node.Symbol}_{k}")).ToArray();
    }

    public int Number { get; }
    public LayerModel Model { get; }
    public override string Name => Model.Name;
    public override int Size => Model.Size;
    public override string Symbol => $"a{Number}";
    public override string Description => Model.Kind == LayerKindModel.Add ? $"the sum {Number} ('{Name}')" : $"layer {Number}";
    public bool IsDense => Model.Kind == LayerKindModel.Dense;
    public ActivationKind Activation => Model.Activation;
    public IReadOnlyList<SourcePlan> Sources { get; }
    /// <summary>The layers that read this one: one path to the cost each (with <see cref="Output"/>, if any).</summary>
    public List<ReaderPlan> Readers { get; } = new();
    public OutputPlan? Output { get; set; }
    public int FanIn { get; }
    public int WeightOffset { get; }
    public int BiasOffset { get; }
    public int ParameterCount => IsDense ? Size * FanIn + Size : 0;
    /// <summary>Straight-line code (true) or constant-bound loops over SIMD kernels (false).</summary>
    public bool Unrolled { get; }
    /// <summary>True when the layer's backward pass must hand ∂C/∂z on to a source that is a layer.</summary>
    public bool PassesSensitivity => Sources.Any(s => s.Node is LayerPlan);
    /// <summary>True when the sequential form applies: one source, read by one later layer or the cost only.</summary>
    public bool IsChainLink => Sources.Count == 1;

    public string W(int j, int k) => $"w{Number}_{j}_{k}";
    public string B(int j) => $"b{Number}_{j}";
    public string Z(int j) => $"z{Number}_{j}";
    public string A(int j) => $"a{Number}_{j}";
    /// <summary>Element k of the layer's concatenated input, as a local: a2_3, in_x_1.</summary>
    public string X(int k) => _x[k];
    /// <summary>The calculus name of element k of the concatenated input, for comments: a2_k when one source.</summary>
    public string XName => Sources.Count == 1 ? Sources[0].Node.Symbol : "x";
}

internal static class Identifiers
{
    /// <summary>A declared name as part of a C# identifier: letters, digits and underscores.</summary>
    public static string Sanitize(string name)
    {
        var text = new System.Text.StringBuilder(name.Length);
        foreach (char c in name) text.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        if (text.Length == 0 || char.IsDigit(text[0])) text.Insert(0, '_');
        return text.ToString();
    }

    /// <summary>A declared name as a method parameter: sanitised, with '@' before a keyword.</summary>
    public static string Parameter(string name) => Escape(Sanitize(name));

    /// <summary>An identifier as C# source: '@' before a reserved keyword (<c>@class</c>).</summary>
    public static string Escape(string identifier) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(identifier) == Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? identifier : "@" + identifier;

    /// <summary>Hands out identifiers once each: a name already taken gets the first free suffix _2, _3, ...</summary>
    public sealed class Unique(params string[] reserved)
    {
        private readonly HashSet<string> _taken = new(reserved, System.StringComparer.Ordinal);

        public string Take(string identifier)
        {
            string name = identifier;
            for (int n = 2; !_taken.Add(name.TrimStart('@')); n++) name = identifier + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return name;
        }

        /// <summary>An output's name, free both as it is (Forward) and with Target after it (Backward).</summary>
        public string TakeWithTarget(string identifier)
        {
            string name = identifier;
            for (int n = 2; _taken.Contains(name.TrimStart('@')) || _taken.Contains(name.TrimStart('@') + "Target"); n++)
                name = identifier + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _taken.Add(name.TrimStart('@'));
            _taken.Add(name.TrimStart('@') + "Target");
            return name;
        }
    }
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
