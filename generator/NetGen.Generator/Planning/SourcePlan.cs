namespace NetGen.Generator.Planning;

/// <summary>A source of a layer: the node read and the column where its values start in the layer's concatenated input.</summary>
internal sealed record SourcePlan(NodePlan Node, int Column);
