namespace NetGen.Generator.Model;

/// <summary>Mirrors NetGen.LayerKind (same values): what a node of the graph computes.</summary>
internal enum LayerKind
{
    Dense = 0,
    Add = 1,
    Conv = 2,
    MaxPool = 3,
    AvgPool = 4,
    GlobalAvgPool = 5,
}
