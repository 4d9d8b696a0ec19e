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
        if (IsImageKind)
        {
            // Images are read concatenated along channels: one height and width, the channels added up.
            InChannels = sources.Sum(s => s.Node.Shape.Channels);
            InHeight = sources[0].Node.Shape.Height;
            InWidth = sources[0].Node.Shape.Width;
        }
        FanIn = IsConv ? InChannels * model.KernelHeight * model.KernelWidth : sources.Sum(s => s.Node.Size);
        WeightOffset = weightOffset;
        BiasOffset = weightOffset + (HasParameters ? Units * FanIn : 0);
        Unrolled = IsDense ? (long)model.Size * FanIn <= NetworkPlan.UnrollWeightLimit : !IsImageKind && model.Size <= NetworkPlan.UnrollWeightLimit;
    }

    public int Number { get; }
    public LayerModel Model { get; }
    public override string Name => Model.Name;
    public override NetGen.Generator.Model.Shape Shape => Model.Shape;
    public override int Size => Model.Size;
    public override string Symbol => "a" + NumberText.Int(Number);
    public override string Description => Model.Kind switch
    {
        LayerKind.Dense or LayerKind.Conv => $"layer {Number}",
        LayerKind.Add => $"the sum {Number} ('{Name}')",
        _ => $"the pool {Number} ('{Name}')",
    };
    public bool IsDense => Model.Kind == LayerKind.Dense;
    public bool IsConv => Model.Kind == LayerKind.Conv;
    /// <summary>Convolutions and pools: they read images and hand ∂C/∂a back by scattering it into their sources.</summary>
    public bool IsImageKind => Model.ReadsImages;
    /// <summary>Dense and convolutional layers: weights and biases, and z before the activation.</summary>
    public bool HasParameters => IsDense || IsConv;
    public bool HasZ => HasParameters;
    /// <summary>The number of biases: a dense layer's neurons, a convolution's filters.</summary>
    public int Units => IsConv ? Model.Filters : Size;
    /// <summary>The channels, height and width a convolution or pool reads (its image sources stacked along channels).</summary>
    public int InChannels { get; }
    public int InHeight { get; }
    public int InWidth { get; }
    public ActivationFunction Activation { get; }
    public IReadOnlyList<SourcePlan> Sources { get; }
    /// <summary>The layers that read this one: one path to the cost each (with <see cref="Output"/>, if any).</summary>
    public List<ReaderPlan> Readers { get; } = new();
    public OutputPlan? Output { get; set; }
    public int FanIn { get; }
    public int WeightOffset { get; }
    public int BiasOffset { get; }
    /// <summary>Weights and biases: units × fan-in + units (a convolution's fan-in is in_channels·kH·kW).</summary>
    public int ParameterCount => HasParameters ? Units * FanIn + Units : 0;

    /// <summary>Straight-line code (true) or constant-bound loops over SIMD kernels (false).</summary>
    public bool Unrolled { get; }

    /// <summary>The backward pass is straight-line code when the layer and every layer reading it are (it reads their weights).</summary>
    public bool BackwardUnrolled => Unrolled && Readers.All(r => r.Layer.Unrolled);

    /// <summary>True when the layer's backward pass must hand ∂C/∂z on to a source that is a layer.</summary>
    public bool PassesSensitivity => Sources.Any(s => s.Node is LayerPlan);

    /// <summary>True when the layer has a backward method: a layer with parameters (they learn), or one that hands its
    /// sensitivity on to a layer.</summary>
    public bool HasBackward => HasParameters || PassesSensitivity;

    /// <summary>True when the cost hands this layer ∂C/∂z directly (cross-entropy on softmax).</summary>
    public bool GivenDz => Output?.GivesDz ?? false;

    /// <summary>True when the layer's backward method writes its ∂C/∂z into a span that its sources' backward methods read
    /// (dense layers and sums; convolutions and pools scatter into their sources' <see cref="ScatterSpan"/> instead).</summary>
    public bool WritesDz => PassesSensitivity && !GivenDz && !IsImageKind;

    /// <summary>The readers whose backward passes this layer's backward reads (∂C/∂z of dense layers and sums).</summary>
    public IEnumerable<ReaderPlan> GatheredReaders => Readers.Where(r => !r.Layer.IsImageKind);

    /// <summary>The span into which the convolutions and pools that read this layer add its ∂C/∂a (each output position
    /// adds to every value it read), or null when none reads it.</summary>
    public string? ScatterSpan => Readers.Any(r => r.Layer.IsImageKind) ? $"dC_da{Number}_scatter" : null;

    /// <summary>The number of kinds of path to the cost: the cost itself, each gathered reader, and the scatter span.</summary>
    private int PathCount => (Output is null ? 0 : 1) + GatheredReaders.Count() + (ScatterSpan is null ? 0 : 1);

    /// <summary>The span that holds ∂C/∂a when its only path to the cost already gives it (the cost, or the scatter span).</summary>
    public string? SinglePathSpan =>
        PathCount != 1 || GivenDz ? null : Output is not null ? CostSpan : ScatterSpan;

    /// <summary>True when the loop form of the backward pass sums ∂C/∂a over its paths into a span dC_da{l} of the working
    /// memory; a sum's ∂C/∂a goes to its dC_dz{l}; a layer whose one path already gives it (<see cref="SinglePathSpan"/>)
    /// needs none.</summary>
    public bool NeedsSensitivitySum => (IsDense || IsImageKind) && !BackwardUnrolled && !GivenDz && SinglePathSpan is null;

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
