
// The networks the explanation and gradient-health tests compile with the generator: every activation, both losses,
// both precisions, depth 1–4, the 1-1-1-1 chain, and a layer wide enough (20×5 and 16×20 weights) for the generator's
// loop path and for sums that the explanation prints only in part.
namespace NetGen.Tests.Explain;

/// <summary>The 1-1-1-1 chain of single sigmoid neurons of the backpropagation calculus, in double.</summary>
[Network(Inputs = 1, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class ExplainChainD { }

/// <summary>The 1-1-1-1 sigmoid chain in float.</summary>
[Network(Inputs = 1, Loss = Loss.SquaredError)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class ExplainChainF { }

/// <summary>Tanh, ReLU, then softmax with cross-entropy, in double (depth 3).</summary>
[Network(Inputs = 3, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(4, Activation.Tanh)]
[Dense(5, Activation.ReLU)]
[Dense(3, Activation.Softmax)]
public partial class ExplainSoftmaxCrossEntropyD { }

/// <summary>Leaky ReLU, softplus, identity and sigmoid with squared error, in float (depth 4).</summary>
[Network(Inputs = 2, Loss = Loss.SquaredError)]
[Dense(3, Activation.LeakyReLU)]
[Dense(3, Activation.Softplus)]
[Dense(2, Activation.Identity)]
[Dense(2, Activation.Sigmoid)]
public partial class ExplainDeep4F { }

/// <summary>A single softmax layer with squared error, whose ∂C/∂z is a full Jacobian row, in double (depth 1).</summary>
[Network(Inputs = 4, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(3, Activation.Softmax)]
public partial class ExplainSoftmaxSquaredErrorD { }

/// <summary>A single softmax layer with cross-entropy, in float (depth 1).</summary>
[Network(Inputs = 3, Loss = Loss.CrossEntropy)]
[Dense(4, Activation.Softmax)]
public partial class ExplainSoftmaxCrossEntropyF { }

/// <summary>Wide sigmoid and tanh layers (indices past 9, sums of 16 terms), in double (depth 3).</summary>
[Network(Inputs = 5, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(20, Activation.Sigmoid)]
[Dense(16, Activation.Tanh)]
[Dense(2, Activation.Identity)]
public partial class ExplainWideD { }

/// <summary>ReLU and tanh with a linear output, in float (depth 3).</summary>
[Network(Inputs = 3, Loss = Loss.SquaredError)]
[Dense(6, Activation.ReLU)]
[Dense(4, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class ExplainReluF { }

/// <summary>ReLU, identity, sigmoid and tanh layers for the gradient-health tests, in double.</summary>
[Network(Inputs = 3, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(6, Activation.ReLU)]
[Dense(4, Activation.Identity)]
[Dense(5, Activation.Sigmoid)]
[Dense(2, Activation.Tanh)]
public partial class HealthD { }
