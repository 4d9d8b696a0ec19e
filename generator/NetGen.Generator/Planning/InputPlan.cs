namespace NetGen.Generator.Planning;

/// <summary>A named input: its symbol (a0, or in1, in2, ... with several), where it starts in a flat input row, and
/// its parameter name in the named Forward/Backward overloads.</summary>
internal sealed class InputPlan(string name, NetGen.Generator.Model.Shape shape, string symbol, int offset, string parameterName) : NodePlan
{
    public override string Name => name;
    public override NetGen.Generator.Model.Shape Shape => shape;
    public override int Size => (int)shape.Size;
    public override string Symbol => symbol;
    public override string Description => symbol == "a0" ? "the input" : $"input '{name}'";
    /// <summary>Where its values start in a flat input row.</summary>
    public int Offset => offset;
    /// <summary>Its parameter name in the named Forward/Backward overloads (a C# identifier, keyword-escaped).</summary>
    public string ParameterName => parameterName;
}
