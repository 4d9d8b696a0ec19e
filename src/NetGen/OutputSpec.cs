namespace NetGen;

/// <summary>An output of the network: the activations of a layer, compared with a target by a loss.</summary>
/// <param name="Source">The name of the layer whose activations are the output.</param>
/// <param name="Loss">The cost of this output.</param>
/// <param name="Weight">The factor of this output's cost in the total cost.</param>
/// <remarks>Thread safety: immutable; every member may be used from any number of threads at once.</remarks>
public sealed record OutputSpec(string Source, Loss Loss, double Weight = 1.0);
