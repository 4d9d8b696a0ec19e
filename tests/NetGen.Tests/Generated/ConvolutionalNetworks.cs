// The convolutional networks the agreement and finite-difference tests compile (issue 11): kernels 1, 3, 5 and a
// rectangular one; strides 1 and 2; padding 0, 1, 2; multi-channel and non-square images; max and average pooling, with
// overlapping windows; convolutions read by dense layers and by convolutions; a residual sum of two convolution branches;
// a channel concatenation; global average pooling; every element-wise activation on a convolution.
namespace NetGen.Tests.Generated;

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 2, 4, 5)]
[Conv(3, 1, Activation.Tanh)]
[Dense(2, Activation.Identity)]
public partial class ConvKernel1D { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 1, 6, 6)]
[Conv(4, 3, Activation.Sigmoid, Padding = 1)]
[Dense(3, Activation.Sigmoid)]
public partial class ConvKernel3PaddedD { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 1, 7, 7)]
[Conv(2, 5, Activation.Tanh, Padding = 2)]
[Dense(1, Activation.Identity)]
public partial class ConvKernel5PaddedD { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 2, 7, 5)]
[Conv(3, 3, Activation.Softplus, KernelWidth = 2, Stride = 2, Padding = 1)]
[Dense(2, Activation.Identity)]
public partial class ConvRectangularD { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 3, 9, 8)]
[Conv(4, 3, Activation.LeakyReLU, Stride = 2)]
[Dense(2, Activation.Tanh)]
public partial class ConvStride2D { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 1, 8, 8)]
[Conv(2, 3, Activation.Tanh, Padding = 1)]
[MaxPool(2)]
[Dense(2, Activation.Identity)]
public partial class ConvMaxPoolD { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 1, 9, 9)]
[Conv(2, 2, Activation.Sigmoid)]
[MaxPool(3, Stride = 2)]
[Dense(2, Activation.Identity)]
public partial class ConvOverlappingMaxD { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 2, 7, 6)]
[Conv(3, 3, Activation.Identity)]
[AvgPool(3, Stride = 1)]
[Dense(2, Activation.Tanh)]
public partial class ConvOverlappingAvgD { }

[Network(Loss = Loss.CrossEntropy, Precision = Precision.Double)]
[Input("x", 3, 5, 4)]
[Conv(4, 3, Activation.Tanh, Padding = 1)]
[GlobalAvgPool]
[Dense(3, Activation.Softmax)]
public partial class ConvGlobalAvgD { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 1, 6, 6)]
[Conv(3, 3, Activation.ReLU)]
[AvgPool(2)]
[Dense(2, Activation.Identity)]
public partial class ConvReluAvgD { }

[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 2, 8, 7)]
[Conv(3, 3, Activation.Tanh, Padding = 1)]
[Conv(2, 3, Activation.Sigmoid, Stride = 2)]
[MaxPool(2, Stride = 1)]
[Dense(2, Activation.Identity)]
public partial class ConvOfConvD { }

/// <summary>A residual block: two convolution branches of one shape added, then read by another convolution.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 2, 6, 6)]
[Conv(3, 3, Activation.Tanh, Padding = 1, Name = "b1")]
[Conv(3, 1, Activation.Sigmoid, Name = "b2", From = new[] { "x" })]
[Add("r", "b1", "b2")]
[Conv(2, 3, Activation.Tanh, Name = "c", From = new[] { "r" })]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "c", "r" })]
[Output("out", Loss.SquaredError)]
public partial class ConvResidualD { }

/// <summary>Two branches stacked along channels (and the input with them), read by one convolution.</summary>
[Network(Loss = Loss.SquaredError, Precision = Precision.Double)]
[Input("x", 1, 7, 7)]
[Conv(2, 3, Activation.Tanh, Padding = 1, Name = "a")]
[Conv(3, 1, Activation.Softplus, Name = "b", From = new[] { "x" })]
[Conv(2, 3, Activation.Tanh, Name = "c", From = new[] { "a", "x", "b" })]
[MaxPool(2, Name = "p")]
[Dense(2, Activation.Identity, Name = "out")]
[Output("out", Loss.SquaredError)]
public partial class ConvConcatD { }

/// <summary>The LeNet-like declaration of issue 11.</summary>
[Network(Loss = Loss.CrossEntropy)]
[Input("image", 1, 28, 28)]
[Conv(8, 5, Activation.ReLU, Padding = 2)]
[MaxPool(2)]
[Conv(16, 5, Activation.ReLU)]
[MaxPool(2)]
[Dense(10, Activation.Softmax)]
public partial class LeNetF { }

[Network(Loss = Loss.SquaredError)]
[Input("x", 1, 8, 8)]
[Conv(2, 3, Activation.Tanh, Padding = 1)]
[MaxPool(2)]
[Dense(2, Activation.Identity)]
public partial class ConvMaxPoolF { }

[Network(Loss = Loss.SquaredError)]
[Input("x", 2, 6, 6)]
[Conv(3, 3, Activation.Tanh, Padding = 1, Name = "b1")]
[Conv(3, 1, Activation.Sigmoid, Name = "b2", From = new[] { "x" })]
[Add("r", "b1", "b2")]
[Conv(2, 3, Activation.LeakyReLU, Name = "c", From = new[] { "r" })]
[AvgPool(2, Name = "p")]
[Dense(2, Activation.Identity, Name = "out", From = new[] { "p", "r" })]
[Output("out", Loss.SquaredError)]
public partial class ConvResidualF { }
