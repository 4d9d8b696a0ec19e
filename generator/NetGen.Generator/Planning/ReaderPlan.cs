namespace NetGen.Generator.Planning;

/// <summary>A layer that reads a node, at the column where the node starts in the reader's concatenated input: one path
/// from the node to the cost.</summary>
internal sealed record ReaderPlan(LayerPlan Layer, int Column);
