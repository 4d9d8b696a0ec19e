namespace NetGen.Generator.Parsing;

/// <summary>The metadata names of the attributes NetGen reads (declared in the runtime library, namespace NetGen).</summary>
internal static class AttributeNames
{
    public const string Network = "NetGen.NetworkAttribute";
    public const string Dense = "NetGen.DenseAttribute";
    public const string Add = "NetGen.AddAttribute";
    public const string Input = "NetGen.InputAttribute";
    public const string Output = "NetGen.OutputAttribute";
}
