namespace NetGen.Generator.Parsing;

/// <summary>The metadata names of the attributes NetGen reads (declared in the runtime library, namespace NetGen).</summary>
internal static class AttributeNames
{
    public const string Network = "NetGen.NetworkAttribute";
    public const string Dense = "NetGen.DenseAttribute";
    public const string Add = "NetGen.AddAttribute";
    public const string Input = "NetGen.InputAttribute";
    public const string Output = "NetGen.OutputAttribute";
    public const string Conv = "NetGen.ConvAttribute";
    public const string MaxPool = "NetGen.MaxPoolAttribute";
    public const string AvgPool = "NetGen.AvgPoolAttribute";
    public const string GlobalAvgPool = "NetGen.GlobalAvgPoolAttribute";

    /// <summary>The attributes that declare a layer, in the order the parser reads them (source order).</summary>
    public static bool IsLayer(string? name) => name is Dense or Add or Conv or MaxPool or AvgPool or GlobalAvgPool;
}
