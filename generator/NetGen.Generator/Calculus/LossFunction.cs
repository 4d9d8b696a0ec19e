using NetGen.Generator.Calculus.Losses;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;
using NetGen.Generator.Planning;

namespace NetGen.Generator.Calculus;

/// <summary>
/// What the generator knows about one loss: its formula, the activation it needs on its layer, and how to write the cost
/// method of an output — the cost C of one example and its sensitivity, one explicit line per derivative. Each loss is
/// one class in Calculus/Losses; adding one is a new class there, a case in <see cref="For"/>, and its runtime
/// counterparts (the NetGen.Loss enum value and ReferenceNetwork, written independently on purpose).
/// </summary>
internal abstract class LossFunction
{
    /// <summary>Above this many outputs the cost is a loop instead of one line per output.</summary>
    public const int UnrolledLimit = 32;

    public static LossFunction For(LossKind kind) => kind switch
    {
        LossKind.SquaredError => SquaredError.Instance,
        LossKind.CrossEntropy => CrossEntropy.Instance,
        LossKind.BinaryCrossEntropy => BinaryCrossEntropy.Instance,
        LossKind.Huber => Huber.Instance,
        _ => throw new System.ArgumentOutOfRangeException(nameof(kind), kind, "The parser lets no undefined loss through."),
    };

    public abstract LossKind Kind { get; }

    /// <summary>The cost in the calculus' notation, for documentation: "squared error C = Σ_j (a_j − y_j)²".</summary>
    public abstract string Describe { get; }

    /// <summary>True when the cost method hands back ∂C/∂z of its layer (the loss and the activation's Jacobian collapse
    /// into one simple expression) instead of ∂C/∂a; the cost method then also reads z.</summary>
    public virtual bool GivesDz => false;

    /// <summary>The activation the output layer must have (NG0006), or null for any.</summary>
    public virtual ActivationKind? RequiredActivation => null;

    /// <summary>Writes the cost method of <paramref name="output"/>: its documentation, signature and body.</summary>
    public abstract void EmitCostMethod(SourceWriter w, NumericForm f, OutputPlan output);

    /// <summary>True when the cost of <paramref name="output"/> is written one line per output value.</summary>
    protected static bool IsUnrolled(NumericForm f, OutputPlan output) => f.IsLanes || output.Layer.Size <= UnrolledLimit;
}
