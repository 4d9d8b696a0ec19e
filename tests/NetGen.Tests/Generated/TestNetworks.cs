
// The networks the agreement tests compile with the generator: depth 1–6, widths 1–32, every activation,
// both losses, both precisions. Wide layers (more than 256 weights) take the generator's loop path.
namespace NetGen.Tests.Generated;

[Network(Inputs = 1, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class ChainD { }

[Network(Inputs = 2, Precision = Precision.Double)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class XorD { }

[Network(Inputs = 3, Precision = Precision.Double)]
[Dense(4, Activation.Identity)]
[Dense(2, Activation.Identity)]
public partial class IdentityD { }

[Network(Inputs = 4, Precision = Precision.Double)]
[Dense(8, Activation.Tanh)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
public partial class TanhD { }

[Network(Inputs = 5, Precision = Precision.Double)]
[Dense(16, Activation.ReLU)]
[Dense(4, Activation.Identity)]
public partial class ReluD { }

[Network(Inputs = 3, Precision = Precision.Double)]
[Dense(7, Activation.LeakyReLU)]
[Dense(5, Activation.LeakyReLU)]
[Dense(2, Activation.Sigmoid)]
public partial class LeakyD { }

[Network(Inputs = 2, Precision = Precision.Double)]
[Dense(6, Activation.Softplus)]
[Dense(3, Activation.Softplus)]
public partial class SoftplusD { }

[Network(Inputs = 4, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(10, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SoftmaxCrossEntropyD { }

[Network(Inputs = 3, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(5, Activation.Sigmoid)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxSquaredErrorD { }

[Network(Inputs = 2, Precision = Precision.Double)]
[Dense(8, Activation.Sigmoid)]
[Dense(8, Activation.Tanh)]
[Dense(8, Activation.ReLU)]
[Dense(8, Activation.LeakyReLU)]
[Dense(8, Activation.Softplus)]
[Dense(1, Activation.Identity)]
public partial class Deep6D { }

[Network(Inputs = 32, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Wide32D { }

[Network(Inputs = 1, Precision = Precision.Double)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class OneWideOneD { }

[Network(Inputs = 6, Precision = Precision.Double)]
[Dense(12, Activation.ReLU)]
[Dense(10, Activation.Tanh)]
[Dense(8, Activation.Sigmoid)]
[Dense(4, Activation.Softplus)]
[Dense(2, Activation.Identity)]
public partial class Mixed5D { }

[Network(Inputs = 4, Precision = Precision.Double)]
[Dense(3, Activation.Sigmoid)]
public partial class SingleLayerD { }

[Network(Inputs = 5, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(4, Activation.Softmax)]
public partial class SingleSoftmaxD { }

[Network(Inputs = 20, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(30, Activation.LeakyReLU)]
[Dense(30, Activation.Softplus)]
[Dense(30, Activation.Identity)]
[Dense(12, Activation.Softmax)]
public partial class WideMixedD { }

// Single precision.
[Network(Inputs = 1)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class ChainF { }

[Network(Inputs = 2)]
[Dense(3, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class XorF { }

[Network(Inputs = 4)]
[Dense(8, Activation.Tanh)]
[Dense(3, Activation.Tanh)]
public partial class TanhF { }

[Network(Inputs = 5)]
[Dense(16, Activation.ReLU)]
[Dense(4, Activation.LeakyReLU)]
public partial class ReluF { }

[Network(Inputs = 2)]
[Dense(6, Activation.Softplus)]
[Dense(3, Activation.Identity)]
public partial class SoftplusF { }

[Network(Inputs = 4, Loss = Loss.CrossEntropy)]
[Dense(10, Activation.Sigmoid)]
[Dense(3, Activation.Softmax)]
public partial class SoftmaxCrossEntropyF { }

[Network(Inputs = 3)]
[Dense(5, Activation.Tanh)]
[Dense(4, Activation.Softmax)]
public partial class SoftmaxSquaredErrorF { }

[Network(Inputs = 2)]
[Dense(8, Activation.Sigmoid)]
[Dense(8, Activation.Tanh)]
[Dense(8, Activation.ReLU)]
[Dense(8, Activation.LeakyReLU)]
[Dense(8, Activation.Softplus)]
[Dense(1, Activation.Identity)]
public partial class Deep6F { }

[Network(Inputs = 32, Loss = Loss.CrossEntropy)]
[Dense(32, Activation.Sigmoid)]
[Dense(32, Activation.ReLU)]
[Dense(10, Activation.Softmax)]
public partial class Wide32F { }

[Network(Inputs = 6)]
[Dense(12, Activation.ReLU)]
[Dense(10, Activation.Tanh)]
[Dense(8, Activation.Sigmoid)]
[Dense(4, Activation.Softplus)]
[Dense(2, Activation.Identity)]
public partial class Mixed5F { }

[Network(Inputs = 1)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class OneWideOneF { }

// A Softmax layer too wide to write out (40×20 weights), under the squared-error cost: the loop form of its Jacobian.
[Network(Inputs = 3, Loss = Loss.SquaredError, Precision = Precision.Double)]
[Dense(40, Activation.Tanh)]
[Dense(20, Activation.Softmax)]
public partial class WideSoftmaxSquaredErrorD { }

[Network(Inputs = 3, Loss = Loss.SquaredError)]
[Dense(40, Activation.Sigmoid)]
[Dense(20, Activation.Softmax)]
public partial class WideSoftmaxSquaredErrorF { }
