// The networks exported and run by ONNX Runtime: every activation in both precisions, the benchmark sizes, and the
// branching graphs (two inputs, concatenation, a skip connection, two outputs, a layer read twice, a hidden output).
namespace NetGen.OnnxTests;

// ---- Sequential: the benchmark sizes ----

[Network(Inputs = 2)]
[Dense(4, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class Sigmoid2_4_1F { }

[Network(Inputs = 2, Precision = Precision.Double)]
[Dense(4, Activation.Sigmoid)]
[Dense(1, Activation.Sigmoid)]
public partial class Sigmoid2_4_1D { }

[Network(Inputs = 1)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class Tanh1_32_32_1F { }

[Network(Inputs = 1, Precision = Precision.Double)]
[Dense(32, Activation.Tanh)]
[Dense(32, Activation.Tanh)]
[Dense(1, Activation.Identity)]
public partial class Tanh1_32_32_1D { }

[Network(Inputs = 784)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Sigmoid784_16_16_10F { }

[Network(Inputs = 784, Precision = Precision.Double)]
[Dense(16, Activation.Sigmoid)]
[Dense(16, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Sigmoid784_16_16_10D { }

[Network(Inputs = 784)]
[Dense(128, Activation.Sigmoid)]
[Dense(10, Activation.Sigmoid)]
public partial class Sigmoid784_128_10F { }

// ---- Sequential: one network per remaining activation ----

[Network(Inputs = 3)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.Identity)]
public partial class IdentityF { }

[Network(Inputs = 3, Precision = Precision.Double)]
[Dense(5, Activation.Identity)]
[Dense(2, Activation.Identity)]
public partial class IdentityD { }

[Network(Inputs = 5)]
[Dense(16, Activation.ReLU)]
[Dense(4, Activation.ReLU)]
public partial class ReluF { }

[Network(Inputs = 5, Precision = Precision.Double)]
[Dense(16, Activation.ReLU)]
[Dense(4, Activation.ReLU)]
public partial class ReluD { }

[Network(Inputs = 3)]
[Dense(7, Activation.LeakyReLU)]
[Dense(5, Activation.LeakyReLU)]
public partial class LeakyReluF { }

[Network(Inputs = 3, Precision = Precision.Double)]
[Dense(7, Activation.LeakyReLU)]
[Dense(5, Activation.LeakyReLU)]
public partial class LeakyReluD { }

[Network(Inputs = 2)]
[Dense(6, Activation.Softplus)]
[Dense(3, Activation.Softplus)]
public partial class SoftplusF { }

[Network(Inputs = 2, Precision = Precision.Double)]
[Dense(6, Activation.Softplus)]
[Dense(3, Activation.Softplus)]
public partial class SoftplusD { }

[Network(Inputs = 4, Loss = Loss.CrossEntropy)]
[Dense(10, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SoftmaxF { }

[Network(Inputs = 4, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(10, Activation.Tanh)]
[Dense(3, Activation.Softmax)]
public partial class SoftmaxD { }

// ---- Branching ----

/// <summary>Two named inputs; h2 reads the context and h1 side by side (a Concat of an input and a layer).</summary>
[Network]
[Input("x", 3)]
[Input("context", 2)]
[Dense(6, Activation.Tanh, Name = "h1", From = new[] { "x" })]
[Dense(4, Activation.Sigmoid, Name = "h2", From = new[] { "context", "h1" })]
[Dense(2, Activation.Sigmoid, Name = "out")]
public partial class TwoInputsF { }

[Network(Precision = Precision.Double)]
[Input("x", 3)]
[Input("context", 2)]
[Dense(6, Activation.Tanh, Name = "h1", From = new[] { "x" })]
[Dense(4, Activation.Sigmoid, Name = "h2", From = new[] { "context", "h1" })]
[Dense(2, Activation.Sigmoid, Name = "out")]
public partial class TwoInputsD { }

/// <summary>A residual block r = h1 + h2 into an Identity head.</summary>
[Network(Inputs = 4)]
[Dense(8, Activation.Tanh, Name = "h1")]
[Dense(8, Activation.ReLU, Name = "h2")]
[Add("r", "h1", "h2")]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "r" })]
public partial class SkipF { }

[Network(Inputs = 4, Precision = Precision.Double)]
[Dense(8, Activation.Tanh, Name = "h1")]
[Dense(8, Activation.ReLU, Name = "h2")]
[Add("r", "h1", "h2")]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "r" })]
public partial class SkipD { }

/// <summary>A sum of three: two layers and the input itself (a chain of two Add nodes).</summary>
[Network(Inputs = 4)]
[Dense(4, Activation.Tanh, Name = "h1")]
[Dense(4, Activation.LeakyReLU, Name = "h2")]
[Add("r", "h1", "h2", "input")]
[Dense(3, Activation.Sigmoid, Name = "out", From = new[] { "r" })]
public partial class SumOfThreeF { }

/// <summary>Two outputs with different losses from one shared layer: a Softmax head and an Identity head.</summary>
[Network(Inputs = 4)]
[Dense(8, Activation.Tanh, Name = "shared")]
[Dense(3, Activation.Softmax, Name = "label", From = new[] { "shared" })]
[Dense(2, Activation.Identity, Name = "value", From = new[] { "shared" })]
[Output("label", Loss.CrossEntropy)]
[Output("value", Loss.SquaredError, Weight = 0.5)]
public partial class TwoOutputsF { }

[Network(Inputs = 4, Precision = Precision.Double)]
[Dense(8, Activation.Tanh, Name = "shared")]
[Dense(3, Activation.Softmax, Name = "label", From = new[] { "shared" })]
[Dense(2, Activation.Identity, Name = "value", From = new[] { "shared" })]
[Output("label", Loss.CrossEntropy)]
[Output("value", Loss.SquaredError, Weight = 0.5)]
public partial class TwoOutputsD { }

/// <summary>One layer reading the same layer twice: Concat(h1, h1).</summary>
[Network(Inputs = 2)]
[Dense(3, Activation.Tanh, Name = "h1")]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "h1", "h1" })]
public partial class ReadTwiceF { }

/// <summary>A layer read by three others whose results are concatenated again, with LeakyReLU and Softplus branches.</summary>
[Network(Inputs = 3)]
[Dense(5, Activation.Tanh, Name = "h1")]
[Dense(3, Activation.Sigmoid, Name = "a", From = new[] { "h1" })]
[Dense(3, Activation.LeakyReLU, Name = "b", From = new[] { "h1" })]
[Dense(3, Activation.Softplus, Name = "c", From = new[] { "h1" })]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "a", "b", "c" })]
public partial class ReadByThreeF { }

/// <summary>A hidden layer that is also an output, read by the next layer: a graph output consumed by a node.</summary>
[Network(Inputs = 3)]
[Dense(4, Activation.Sigmoid, Name = "h1")]
[Dense(2, Activation.Tanh, Name = "h2")]
[Output("h1", Loss.SquaredError, Weight = 0.3)]
[Output("h2", Loss.SquaredError)]
public partial class OutputAlsoReadF { }
