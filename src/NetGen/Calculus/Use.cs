namespace NetGen.Calculus;

/// <summary>Output <see cref="Output"/> of a layer and one <see cref="Connection"/> of its weighted sum: a place where a
/// value is read or a parameter is used.</summary>
/// <param name="Output">The index of the output (neuron, or position of a filter) in its layer, flat.</param>
/// <param name="Connection">The term of z(<see cref="Output"/>).</param>
internal readonly record struct Use(int Output, Connection Connection);
