
// Branching networks (issue 6): skip connections, several inputs and outputs, a layer read by three others, an input
// concatenated with a hidden layer. The agreement, finite-difference and batch-path tests run over all of them.
namespace NetGen.Tests.Generated;

/// <summary>A residual block: r = h1 + h2, so h1 reaches the cost through h2 and straight through the sum.</summary>
[Network(Inputs = 4, Precision = Precision.Double)]
[Dense(8, Activation.Tanh, Name = "h1")]
[Dense(8, Activation.ReLU, Name = "h2")]
[Add("r", "h1", "h2")]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "r" })]
public partial class SkipD { }

[Network(Inputs = 4)]
[Dense(8, Activation.Tanh, Name = "h1")]
[Dense(8, Activation.ReLU, Name = "h2")]
[Add("r", "h1", "h2")]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "r" })]
public partial class SkipF { }

/// <summary>Two named inputs; the second layer reads the context and the first layer side by side.</summary>
[Network(Precision = Precision.Double)]
[Input("x", 3)]
[Input("context", 2)]
[Dense(6, Activation.Tanh, Name = "h1", From = new[] { "x" })]
[Dense(4, Activation.Sigmoid, Name = "h2", From = new[] { "context", "h1" })]
[Dense(2, Activation.Sigmoid, Name = "out")]
public partial class TwoInputsD { }

[Network]
[Input("x", 3)]
[Input("context", 2)]
[Dense(6, Activation.Tanh, Name = "h1", From = new[] { "x" })]
[Dense(4, Activation.Sigmoid, Name = "h2", From = new[] { "context", "h1" })]
[Dense(2, Activation.Sigmoid, Name = "out")]
public partial class TwoInputsF { }

/// <summary>Two outputs with different losses and weights from one shared layer.</summary>
[Network(Inputs = 4, Precision = Precision.Double)]
[Dense(8, Activation.Tanh, Name = "shared")]
[Dense(3, Activation.Softmax, Name = "label", From = new[] { "shared" })]
[Dense(2, Activation.Identity, Name = "value", From = new[] { "shared" })]
[Output("label", Loss.CrossEntropy)]
[Output("value", Loss.SquaredError, Weight = 0.5)]
public partial class TwoOutputsD { }

[Network(Inputs = 4)]
[Dense(8, Activation.Tanh, Name = "shared")]
[Dense(3, Activation.Softmax, Name = "label", From = new[] { "shared" })]
[Dense(2, Activation.Identity, Name = "value", From = new[] { "shared" })]
[Output("label", Loss.CrossEntropy)]
[Output("value", Loss.SquaredError, Weight = 0.5)]
public partial class TwoOutputsF { }

/// <summary>A layer read by three others, whose results are concatenated again.</summary>
[Network(Inputs = 3, Precision = Precision.Double)]
[Dense(5, Activation.Tanh, Name = "h1")]
[Dense(3, Activation.Sigmoid, Name = "a", From = new[] { "h1" })]
[Dense(3, Activation.LeakyReLU, Name = "b", From = new[] { "h1" })]
[Dense(3, Activation.Softplus, Name = "c", From = new[] { "h1" })]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "a", "b", "c" })]
public partial class ReadByThreeD { }

/// <summary>The output layer reads the raw input next to a hidden layer.</summary>
[Network(Inputs = 3, Precision = Precision.Double)]
[Dense(6, Activation.Tanh, Name = "h1")]
[Dense(2, Activation.Sigmoid, Name = "out", From = new[] { "input", "h1" })]
public partial class ConcatInputHiddenD { }

/// <summary>Two residual sums over layers too wide to write out (30×30 weights), into a Softmax head.</summary>
[Network(Inputs = 20, Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Dense(30, Activation.Tanh, Name = "h1")]
[Dense(30, Activation.Tanh, Name = "h2")]
[Add("r1", "h1", "h2")]
[Dense(30, Activation.LeakyReLU, Name = "h3", From = new[] { "r1" })]
[Add("r2", "r1", "h3")]
[Dense(12, Activation.Softmax, Name = "out", From = new[] { "r2" })]
public partial class ResidualWideD { }

[Network(Inputs = 20, Loss = Loss.CrossEntropy)]
[Dense(30, Activation.Tanh, Name = "h1")]
[Dense(30, Activation.Tanh, Name = "h2")]
[Add("r1", "h1", "h2")]
[Dense(30, Activation.LeakyReLU, Name = "h3", From = new[] { "r1" })]
[Add("r2", "r1", "h3")]
[Dense(12, Activation.Softmax, Name = "out", From = new[] { "r2" })]
public partial class ResidualWideF { }

/// <summary>A hidden layer that is also an output: its sensitivity is its own cost plus the path through the next layer.</summary>
[Network(Inputs = 3, Precision = Precision.Double)]
[Dense(4, Activation.Sigmoid, Name = "h1")]
[Dense(2, Activation.Tanh, Name = "h2")]
[Output("h1", Loss.SquaredError, Weight = 0.3)]
[Output("h2", Loss.SquaredError)]
public partial class OutputAlsoReadD { }

[Network(Inputs = 3)]
[Dense(4, Activation.Sigmoid, Name = "h1")]
[Dense(2, Activation.Tanh, Name = "h2")]
[Output("h1", Loss.SquaredError, Weight = 0.3)]
[Output("h2", Loss.SquaredError)]
public partial class OutputAlsoReadF { }

/// <summary>Wider than the lane form takes (40 inputs): the per-example loops over concatenated sources.</summary>
[Network(Inputs = 40, Precision = Precision.Double)]
[Dense(40, Activation.ReLU, Name = "h1")]
[Dense(40, Activation.Tanh, Name = "h2", From = new[] { "input", "h1" })]
[Dense(5, Activation.Identity, Name = "out", From = new[] { "h1", "h2" })]
public partial class WideBranchD { }

[Network(Inputs = 40)]
[Dense(40, Activation.ReLU, Name = "h1")]
[Dense(40, Activation.Tanh, Name = "h2", From = new[] { "input", "h1" })]
[Dense(5, Activation.Identity, Name = "out", From = new[] { "h1", "h2" })]
public partial class WideBranchF { }

/// <summary>One layer reading the same layer twice: two paths through the same reader.</summary>
[Network(Inputs = 2, Precision = Precision.Double)]
[Dense(3, Activation.Tanh, Name = "h1")]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "h1", "h1" })]
public partial class ReadTwiceD { }

/// <summary>A sum of two inputs feeding a layer: the sum needs no backward pass of its own.</summary>
[Network(Precision = Precision.Double)]
[Input("a", 3)]
[Input("b", 3)]
[Add("s", "a", "b")]
[Dense(4, Activation.Tanh, Name = "h", From = new[] { "s" })]
[Dense(1, Activation.Sigmoid, Name = "out")]
public partial class AddOfInputsD { }
