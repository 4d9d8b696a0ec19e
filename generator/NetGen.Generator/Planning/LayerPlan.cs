using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Calculus;
using NetGen.Generator.Model;
using NetGen.Generator.Text;

namespace NetGen.Generator.Planning;

/// <summary>
/// One layer: number l (1-based, so that its activations are a{l}), what it reads, who reads it, where its parameters
/// are, and which code form it is written in. The names of its locals come from l alone, never from the user's text.
/// </summary>
internal sealed class LayerPlan : NodePlan
{
    public LayerPlan(int number, LayerModel model, IReadOnlyList<SourcePlan> sources, int weightOffset)
    {
        Number = number;
        Model = model;
        Activation = ActivationFunction.For(model);
        Sources = sources;
        FanIn = sources.Sum(s => s.Node.Size);
        WeightOffset = weightOffset;
        BiasOffset = weightOffset + (IsDense ? model.Size * FanIn : 0);
        Unrolled = IsDense ? (long)model.Size * FanIn <= NetworkPlan.UnrollWeightLimit : model.Size <= NetworkPlan.UnrollWeightLimit;
    }

    public int Number { get; }
    public LayerModel Model { get; }
    public override string Name => Model.Name;
    public override int Size => Model.Size;
    public override string Symbol => "a" + NumberText.Int(Number);
    public override string Description => IsDense ? $"layer {Number}" : $"the sum {Number} ('{Name}')";
    public bool IsDense => Model.Kind == LayerKind.Dense;
    public ActivationFunction Activation { get; }
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

    /// <summary>The backward pass is straight-line code when the layer and every layer reading it are (it reads their weights).</summary>
    public bool BackwardUnrolled => Unrolled && Readers.All(r => r.Layer.Unrolled);

    /// <summary>True when the layer's backward pass must hand ∂C/∂z on to a source that is a layer.</summary>
    public bool PassesSensitivity => Sources.Any(s => s.Node is LayerPlan);

    /// <summary>True when the layer has a backward method: a dense layer (its parameters learn), or a sum that hands its
    /// sensitivity on to a layer.</summary>
    public bool HasBackward => IsDense || PassesSensitivity;

    /// <summary>True when the cost hands this layer ∂C/∂z directly (cross-entropy on softmax).</summary>
    public bool GivenDz => Output?.GivesDz ?? false;

    /// <summary>True when the layer's backward method writes its ∂C/∂z into a span for the backward methods of its sources.</summary>
    public bool WritesDz => PassesSensitivity && !GivenDz;

    /// <summary>True when the loop form of the backward pass sums ∂C/∂a over several paths (or one reader) into a span
    /// dC_da{l} of the working memory; a sum's ∂C/∂a is its dC_dz{l}, and an output read by nobody gets it from the cost.</summary>
    public bool NeedsSensitivitySum => IsDense && !BackwardUnrolled && !GivenDz && Readers.Count > 0;

    /// <summary>The name of the span that carries the cost's part of ∂C/∂a (or ∂C/∂z for cross-entropy) of an output layer.</summary>
    public string CostSpan =>
        GivenDz ? $"dC_dz{Number}" : Readers.Count == 0 ? $"dC_da{Number}" : $"dC_da{Number}_cost";

    public string ForwardMethod => GeneratedMembers.ForwardLayer(Number);
    public string BackwardMethod => GeneratedMembers.BackwardLayer(Number);

    public string W(int j, int k) => $"w{Number}_{j}_{k}";
    public string B(int j) => $"b{Number}_{j}";
    public string Z(int j) => $"z{Number}_{j}";
    public string A(int j) => $"a{Number}_{j}";

    /// <summary>Element k of the layer's concatenated input, as a local: a2_3, in1_1 (found source by source, so that a
    /// layer reading millions of values costs no memory here).</summary>
    public string X(int k)
    {
        foreach (SourcePlan source in Sources)
            if (k < source.Column + source.Node.Size) return $"{source.Node.Symbol}_{k - source.Column}";
        throw new System.ArgumentOutOfRangeException(nameof(k));
    }

    /// <summary>The calculus name of element k of the concatenated input, for comments: a2 when one source, else x.</summary>
    public string XName => Sources.Count == 1 ? Sources[0].Node.Symbol : "x";
}
