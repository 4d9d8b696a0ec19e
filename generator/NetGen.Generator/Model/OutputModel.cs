namespace NetGen.Generator.Model;

/// <summary>An output: a layer's activations compared with a target by <see cref="Loss"/>; the total cost is Σ_o Weight_o·C_o.</summary>
internal sealed record OutputModel(string Source, LossKind Loss, double Weight);
