using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The numeric form the straight-line code is written in. <see cref="Scalar"/> is the readable form: one example, T
/// locals, every weight a named local. <see cref="Lanes"/> is the same code with every scalar a Vector&lt;T&gt;, one
/// example per SIMD lane, which TrainBatch runs for several examples at once; only the spelling of a few expressions
/// differs, so both forms come from the same emitter methods.
/// </summary>
internal sealed class Flavor
{
    private Flavor(NetworkPlan plan, bool lanes)
    {
        Plan = plan;
        IsLanes = lanes;
        Type = lanes ? $"global::System.Numerics.Vector<{plan.T}>" : plan.T;
        Suffix = lanes ? "Lanes" : "";
    }

    public static Flavor Scalar(NetworkPlan plan) => new(plan, lanes: false);

    public static Flavor Lanes(NetworkPlan plan) => new(plan, lanes: true);

    public NetworkPlan Plan { get; }
    public bool IsLanes { get; }
    /// <summary>The type of one value: float, double, or Vector&lt;float&gt; / Vector&lt;double&gt;.</summary>
    public string Type { get; }
    /// <summary>Appended to method names: ForwardLayer1 / ForwardLayer1Lanes.</summary>
    public string Suffix { get; }
    public string ReadOnlySpan => $"global::System.ReadOnlySpan<{Type}>";
    public string Span => $"global::System.Span<{Type}>";

    public string One => IsLanes ? Type + ".One" : Plan.Lit(1);

    public string Max(string a, string b) => IsLanes ? $"global::System.Numerics.Vector.Max({a}, {b})" : $"{Plan.MathClass}.Max({a}, {b})";

    public string Exp(string x) => IsLanes ? $"global::NetGen.VectorMath.Exp({x})" : $"{Plan.MathClass}.Exp({x})";

    public string Log(string x) => IsLanes ? $"global::NetGen.VectorMath.Log({x})" : $"{Plan.MathClass}.Log({x})";

    /// <summary>A parameter read from the parameter span p: a scalar, or the scalar broadcast to every lane.</summary>
    public string Parameter(int index) => IsLanes ? $"new {Type}(p[{index}])" : $"p[{index}]";

    public string Activate(ActivationKind activation, string z)
    {
        if (!IsLanes)
        {
            string zero = Plan.Lit(0);
            return activation switch
            {
                ActivationKind.Identity => z,
                ActivationKind.Sigmoid => $"global::NetGen.Activations.Sigmoid({z})",
                ActivationKind.Tanh => $"{Plan.MathClass}.Tanh({z})",
                ActivationKind.ReLU => $"{z} > {zero} ? {z} : {zero}",
                ActivationKind.LeakyReLU => $"{z} > {zero} ? {z} : {Plan.Lit(0.01)} * {z}",
                ActivationKind.Softplus => $"global::NetGen.Activations.Softplus({z})",
                _ => throw new System.ArgumentOutOfRangeException(nameof(activation)),
            };
        }
        return activation switch
        {
            ActivationKind.Identity => z,
            _ => $"global::NetGen.VectorMath.{activation}({z})",
        };
    }

    /// <summary>∂a/∂z of an element-wise activation, as code and as the formula its comment shows.</summary>
    public (string Expression, string Formula) Derivative(ActivationKind activation, string z, string a)
    {
        string one = One, zero = Plan.Lit(0);
        return activation switch
        {
            ActivationKind.Sigmoid => ($"{a} * ({one} - {a})", $"σ'({z}) = {a}·(1 − {a})   (logistic)"),
            ActivationKind.Tanh => ($"{one} - {a} * {a}", $"tanh'({z}) = 1 − {a}²"),
            ActivationKind.ReLU => (IsLanes ? $"global::NetGen.VectorMath.ReLUDerivative({z})" : $"{z} > {zero} ? {one} : {zero}",
                $"1 if {z} > 0, else 0   (ReLU)"),
            ActivationKind.LeakyReLU => (IsLanes ? $"global::NetGen.VectorMath.LeakyReLUDerivative({z})" : $"{z} > {zero} ? {one} : {Plan.Lit(0.01)}",
                $"1 if {z} > 0, else 0.01   (leaky ReLU)"),
            ActivationKind.Softplus => (IsLanes ? $"global::NetGen.VectorMath.Sigmoid({z})" : $"global::NetGen.Activations.Sigmoid({z})",
                $"softplus'({z}) = σ({z}), the logistic function"),
            _ => throw new System.ArgumentOutOfRangeException(nameof(activation)),
        };
    }
}
