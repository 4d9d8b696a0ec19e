using NetGen.Generator.Planning;
using NetGen.Generator.Text;

namespace NetGen.Generator.Emit;

/// <summary>
/// The numeric form the straight-line code is written in. <see cref="Scalar"/> is the readable form: one example, T
/// locals, every weight a named local. <see cref="Lanes"/> is the same code with every scalar a Vector&lt;T&gt;, one
/// example per SIMD lane, which TrainBatch runs for several examples at once; only the spelling of a few expressions
/// differs, so both forms come from the same emitter methods.
/// </summary>
internal sealed class NumericForm
{
    private NumericForm(NetworkPlan plan, bool lanes)
    {
        Plan = plan;
        IsLanes = lanes;
        Type = lanes ? $"global::System.Numerics.Vector<{plan.T}>" : plan.T;
        Suffix = lanes ? "Lanes" : "";
    }

    public static NumericForm Scalar(NetworkPlan plan) => new(plan, lanes: false);

    public static NumericForm Lanes(NetworkPlan plan) => new(plan, lanes: true);

    public NetworkPlan Plan { get; }
    public bool IsLanes { get; }
    /// <summary>The type of one value: float, double, or Vector&lt;float&gt; / Vector&lt;double&gt;.</summary>
    public string Type { get; }
    /// <summary>Appended to the names of the per-layer methods: ForwardLayer1 / ForwardLayer1Lanes.</summary>
    public string Suffix { get; }
    public string ReadOnlySpan => $"global::System.ReadOnlySpan<{Type}>";
    public string Span => $"global::System.Span<{Type}>";

    public string One => IsLanes ? Type + ".One" : Plan.Literal(1);

    public string Zero => IsLanes ? Type + ".Zero" : Plan.Literal(0);

    /// <summary>A constant of the element type: a literal, or the literal broadcast to every lane.</summary>
    public string Constant(double value) => IsLanes ? $"new {Type}({Plan.Literal(value)})" : Plan.Literal(value);

    /// <summary>The class of Exp, Log and Tanh for scalars (Math, MathF), or VectorMath for lanes.</summary>
    public string MathClass => IsLanes ? "global::NetGen.VectorMath" : Plan.MathClass;

    /// <summary>max(a, b), NaN if either is NaN (Math.Max and Vector.Max both propagate NaN).</summary>
    public string Max(string a, string b) => IsLanes ? $"global::System.Numerics.Vector.Max({a}, {b})" : $"{Plan.MathClass}.Max({a}, {b})";

    public string Exp(string x) => $"{MathClass}.Exp({x})";

    public string Log(string x) => $"{MathClass}.Log({x})";

    /// <summary>A parameter read from the parameter span p: a scalar, or the scalar broadcast to every lane.</summary>
    public string Parameter(long index) => IsLanes ? $"new {Type}(p[{NumberText.Int(index)}])" : $"p[{NumberText.Int(index)}]";
}
