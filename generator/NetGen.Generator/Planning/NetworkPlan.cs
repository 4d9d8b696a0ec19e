using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Calculus;
using NetGen.Generator.Model;
using NetGen.Generator.Text;

namespace NetGen.Generator.Planning;

/// <summary>
/// Stage 3: what the emitter derives from a valid <see cref="NetworkModel"/> before writing a line — the symbol of
/// every node in the calculus' notation (a0 the input, or in1, in2, ... with several; a1..aL the layers in declaration
/// order), which nodes each layer reads and which layers read it (the paths the chain rule sums over), offsets in the
/// parameter vector, the code form of each layer, the working memory of each pass, and the names of the members.
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

    /// <summary>The most lane vectors the lane form may keep on the stack per call (64 KB of 512-bit vectors).</summary>
    public const int LaneVectorLimit = 1024;

    public NetworkPlan(NetworkModel model)
    {
        Model = model;
        IsDouble = model.Precision == PrecisionKind.Double;
        T = IsDouble ? "double" : "float";
        IsSingleInputOutput = model.Inputs.Count == 1 && model.Outputs.Count == 1;

        // Parameter names of the named overloads come from the declared names; they must be distinct from each other and
        // from the overloads' own parameter (gradient).
        var parameterNames = new UniqueNames("gradient");
        var nodes = new Dictionary<string, NodePlan>(System.StringComparer.Ordinal);
        var inputs = new List<InputPlan>();
        int inputOffset = 0;
        for (int i = 0; i < model.Inputs.Count; i++)
        {
            InputModel input = model.Inputs[i];
            string symbol = model.Inputs.Count == 1 ? "a0" : "in" + NumberText.Int(i + 1);
            var plan = new InputPlan(input.Name, input.Shape, symbol, inputOffset, parameterNames.Take(input.Name));
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
            string target = model.Outputs.Count == 1 ? "y" : "y" + NumberText.Int(layer.Number);
            var plan = new OutputPlan(layer, LossFunction.For(output.Loss), output.Weight, targetOffset,
                parameterNames.TakeWith(output.Source, "Target"), GeneratedMembers.OutputCost(layer.Number, model.Outputs.Count > 1), target);
            layer.Output = plan;
            outputs.Add(plan);
            targetOffset += layer.Size;
        }
        Outputs = outputs;
        InputCount = inputOffset;
        OutputCount = targetOffset;

        ForwardWorkspace = PlanForwardWorkspace(ElementBytes);
        TrainingWorkspace = PlanTrainingWorkspace(ElementBytes);
        UsesLanes = Layers.All(l => !l.IsImageKind) && Inputs.All(i => i.Size <= LaneWidthLimit) && Layers.All(l => l.Size <= LaneWidthLimit)
            && Outputs.All(o => o.Layer.Size <= 32) && InputCount + OutputCount + TrainingWorkspace.Length <= LaneVectorLimit;
    }

    public NetworkModel Model { get; }
    public bool IsDouble { get; }
    /// <summary>The C# keyword of the element type: float or double.</summary>
    public string T { get; }
    public int ElementBytes => IsDouble ? 8 : 4;
    /// <summary>One input and one output: the flat Forward and Backward are the only ones, and need no core method.</summary>
    public bool IsSingleInputOutput { get; }
    public IReadOnlyList<InputPlan> Inputs { get; }
    public IReadOnlyList<LayerPlan> Layers { get; }
    public IReadOnlyList<OutputPlan> Outputs { get; }
    public LayerPlan Last => Layers[Layers.Count - 1];
    public int ParameterCount { get; }
    public int InputCount { get; }
    public int OutputCount { get; }

    /// <summary>The spans of the forward pass: z of every dense layer, a of every layer that is not written to an output.</summary>
    public Workspace ForwardWorkspace { get; }

    /// <summary>The spans of one example's training pass: every z and a, the costs' sensitivities, ∂C/∂z handed to
    /// earlier layers, the sums of ∂C/∂a of loop-form layers, and the ∂C/∂a that convolutions and pools scatter back.</summary>
    public Workspace TrainingWorkspace { get; }

    /// <summary>
    /// True when TrainBatch runs the lane form (every scalar a Vector&lt;T&gt;, one example per lane): no input or layer
    /// wider than <see cref="LaneWidthLimit"/>, outputs small enough for a straight-line cost, and working memory small
    /// enough for the stack. Networks with a wider layer (a 784-pixel input) run SIMD loops along the layer for one
    /// example at a time instead: there the vectors are already full, and moving 784 inputs into lanes would only add work.
    /// </summary>
    public bool UsesLanes { get; }

    /// <summary>The rows from which TrainBatch goes multi-core: about 10⁶ multiply-adds per batch (~100 µs on one core,
    /// against ~10–30 µs to start and join the workers), and never below 32 rows.</summary>
    public int ParallelBatchThreshold => System.Math.Max(32, (1_000_000 + ParameterCount - 1) / System.Math.Max(1, ParameterCount));

    /// <summary>A literal of the element type, culture-free and round-trippable: 2f, 0.01f, 2.0, 0.01.</summary>
    public string Literal(double value) => NumberText.Literal(value, IsDouble);

    /// <summary>Math or MathF, the class of Exp, Log and Tanh for the element type.</summary>
    public string MathClass => IsDouble ? "global::System.Math" : "global::System.MathF";

    public string ReadOnlySpan => "global::System.ReadOnlySpan<" + T + ">";
    public string Span => "global::System.Span<" + T + ">";

    /// <summary>True when the forward pass writes the layer's activations straight into an output span (it is an output).</summary>
    public bool WritesToOutput(LayerPlan layer) => layer.Output is not null;

    private Workspace PlanForwardWorkspace(int elementBytes)
    {
        var work = new Workspace(elementBytes);
        foreach (LayerPlan layer in Layers)
        {
            if (layer.HasZ) work.Add($"z{layer.Number}", layer.Size);
            if (!WritesToOutput(layer)) work.Add($"a{layer.Number}", layer.Size);
        }
        return work;
    }

    private Workspace PlanTrainingWorkspace(int elementBytes)
    {
        var work = new Workspace(elementBytes);
        foreach (LayerPlan layer in Layers)
        {
            if (layer.HasZ) work.Add($"z{layer.Number}", layer.Size);
            work.Add($"a{layer.Number}", layer.Size);
        }
        foreach (OutputPlan output in Outputs) work.Add(output.Layer.CostSpan, output.Layer.Size);
        foreach (LayerPlan layer in Layers)
        {
            if (layer.WritesDz) work.Add($"dC_dz{layer.Number}", layer.Size);
            if (layer.NeedsSensitivitySum) work.Add($"dC_da{layer.Number}", layer.Size);
            if (layer.ScatterSpan is string scatter) work.Add(scatter, layer.Size);
        }
        return work;
    }
}
