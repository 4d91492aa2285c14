"""zh_CN translations of the exercises domain's messages from grader/exercises/optimizers.py,
convolution.py and attention.py (issue 15, part b). Merged into exercises.po by the maintainer."""

T = {
# ---------------------------------------------------------------- optimizers.py
'{path} is a torch tensor': '{path} 是一个 torch 张量',
'{path} is {value}': '{path} 是 {value}',
'{path} is a {type}': '{path} 是一个 {type}',
' (step {step} of {steps})': '（第 {step} 步，共 {steps} 步）',
'it should return the pair (w_new, state), got {got}{at}': '应返回二元组 (w_new, state)，实际得到 {got}{at}',
'end with `return w_new, state`': '最后用 `return w_new, state` 返回',
'the first item returned is a dict, the second {second}: the order is (w_new, state){at}':
  '返回的第一项是 dict，第二项是 {second}：顺序应为 (w_new, state){at}',
'the second item returned should be the state dict (the caller hands it back on the next call), got {got}{at}':
  '返回的第二项应是 state 字典（调用方会在下一次调用时把它传回来），实际得到 {got}{at}',
'fill the dict you are given (or a new one) and return it as the second item':
  '把状态写进传入的字典（或一个新字典），并作为第二项返回',
'the state it returned cannot be handed back as plain data: {problem}{at}':
  '返回的 state 无法作为普通数据传回：{problem}{at}',
'keep only numpy arrays and numbers (and lists or dicts of them) in `state`':
  '`state` 里只放 numpy 数组和数值（以及由它们组成的 list 或 dict）',
'{summary} (at step {step} of {steps})': '{summary}（发生在第 {step} 步，共 {steps} 步）',
'It gave different results for the same calls starting from a fresh {}: something is kept between calls outside `state` (a global, a function attribute, a default-argument dict, a cache keyed on id(w)). Everything an optimizer remembers must live in `state`.':
  '从新的 {} 开始做同样的调用，却得到了不同的结果：有东西在 `state` 之外跨调用保存着（全局变量、函数属性、作为默认参数的 dict、以 id(w) 为键的缓存）。优化器需要记住的一切都必须放在 `state` 里。',
'w_new after step {k}': '第 {k} 步后的 w_new',
'wrong result at step {k} of {steps}: {what}': '第 {k} 步（共 {steps} 步）结果错误：{what}',
'w_new is {got} at step {k}, expected a {want} array': '第 {k} 步的 w_new 是 {got}，期望是 {want} 数组',
"w_new is {dtype} for {want} w and dw (step {k} of {steps}): the output dtype must match the input's":
  'w 和 dw 是 {want}，w_new 却是 {dtype}（第 {k} 步，共 {steps} 步）：输出的 dtype 必须与输入一致',
'it modified its input `{label}` in place at step {k} of {steps}{changed}':
  '在第 {k} 步（共 {steps} 步）原地修改了输入 `{label}`{changed}',
"return a new array (w - lr * dw), never `w -= ...` or `w += ...` on the caller's array":
  '返回一个新数组（w - lr * dw），不要对调用方的数组做 `w -= ...` 或 `w += ...`',
"It looks like `state` keeps a reference to the caller's dw from an earlier call (such as `buf = dw` on the first call) and a later call updates that buffer in place (`buf *= mu`), which writes into the caller's gradient. Keep a copy in `state` (dw.copy(), as torch.clone(grad) in PyTorch).":
  '看起来 `state` 保存了之前某次调用中调用方 dw 的引用（例如第一次调用时写了 `buf = dw`），之后的调用又原地更新这个缓冲区（`buf *= mu`），结果改写了调用方的梯度。请在 `state` 里保存副本（dw.copy()，相当于 PyTorch 里的 torch.clone(grad)）。',
'with the same dw array handed in at every step: {summary}': '每一步都传入同一个 dw 数组时：{summary}',
'with the same dw array handed in at every step (a caller that reuses its gradient buffer), step {k} of {steps} modified it in place{changed}':
  '每一步都传入同一个 dw 数组时（调用方复用自己的梯度缓冲区），第 {k} 步（共 {steps} 步）原地修改了它{changed}',
"keep your own arrays in `state` (np.zeros_like(w), dw.copy()), never the caller's w or dw":
  '`state` 里放你自己的数组（np.zeros_like(w)、dw.copy()），不要放调用方的 w 或 dw',
' (its shape changed)': '（它的形状变了）',
': at index {index} it was {was} and is now {now}': '：索引 {index} 处原来是 {was}，现在是 {now}',
': it was {was} and is now {now}': '：原来是 {was}，现在是 {now}',
'keeps nothing in `state`: the state it returns is empty after every call, so {function} cannot carry its running values from one step to the next':
  '`state` 里什么都没保存：每次调用后返回的 state 都是空的，所以 {function} 无法把累积的量从这一步带到下一步',
"store what {function} must remember (e.g. state['v']) in the state dict and return it":
  "把 {function} 需要记住的量（例如 state['v']）存进 state 字典并返回",
'with two optimizer states used in turn (trajectories A and B), trajectory {label}: {summary}':
  '交替使用两个优化器状态（轨迹 A 和 B）时，轨迹 {label}：{summary}',
"trajectory {label} gives other values when another trajectory's calls (with their own state dict) come in between: {found}":
  '中间穿插另一条轨迹的调用（各自使用自己的 state 字典）后，轨迹 {label} 给出了不同的值：{found}',
'read and write only the `state` you are given; no globals, function attributes or default-argument dicts':
  '只读写传给你的 `state`；不要用全局变量、函数属性或作为默认参数的 dict',
'run again from a fresh {{}}: {summary}': '从新的 {{}} 重新运行：{summary}',
'a fresh {{}} does not start over: the same calls from state = {{}} a second time give other values: {found}':
  '新的 {{}} 没有从头开始：从 state = {{}} 再做一遍同样的调用，得到了不同的值：{found}',
'state = {} must mean a new optimizer: keep nothing between calls outside `state`':
  'state = {} 必须意味着一个全新的优化器：不要在 `state` 之外跨调用保存任何东西',
'w_new differs': 'w_new 不同',
'at step {k}, {text}': '在第 {k} 步，{text}',
'It looks like the eps argument is ignored (a hard-coded constant such as 1e-7 or the default is used instead): use the eps you are given.':
  '看起来忽略了参数 eps（用的是写死的常数，如 1e-7 或默认值）：请使用传入的 eps。',
'{first} and {last}': '{first} 和 {last}',
("It looks like the {names} argument is ignored ({values} hard-coded, the textbook's value): use the hyperparameters you are given.",
 "It looks like the {names} arguments are ignored ({values} hard-coded, the textbook's values): use the hyperparameters you are given."):
  ['看起来忽略了参数 {names}（写死了教材里的取值 {values}）：请使用传入的超参数。'],
'It looks like eps is inside the square root, sqrt(h + eps): the contract divides by sqrt(h) + eps (the difference shows for tiny gradients or a large eps).':
  '看起来 eps 放在了平方根里面，即 sqrt(h + eps)：约定是除以 sqrt(h) + eps（梯度很小或 eps 较大时差别就会显现）。',
'The step goes the wrong way (w + lr*dw, up the gradient): the update has the opposite sign; the weights must move against the gradient.':
  '更新的方向反了（w + lr*dw，沿梯度上升）：更新量的符号相反；权重必须逆着梯度方向移动。',
'w_new = w - lr * dw, a new array; return (w_new, state)': 'w_new = w - lr * dw，是一个新数组；返回 (w_new, state)',
'The update has the wrong sign: the weights move in the opposite direction, up the gradient. With v = mu*v - lr*dw the new weights are w + v (either the velocity adds lr*dw here, or v is subtracted from w).':
  '更新的符号错了：权重朝相反方向、沿梯度上升的方向移动。按 v = mu*v - lr*dw，新权重是 w + v（要么这里的速度加上了 lr*dw，要么从 w 中减去了 v）。',
'It looks like the velocity is not carried between calls (every step is plain SGD): store v in `state` and start from it on the next call.':
  '看起来速度没有在调用之间传递（每一步都成了普通的 SGD）：把 v 存进 `state`，下一次调用时从它接着算。',
"It looks like the exponential-average form v = mu*v + (1-mu)*dw; the contract's (PyTorch's) velocity is v = mu*v - lr*dw with no (1 - mu) factor.":
  '看起来用的是指数平均的形式 v = mu*v + (1-mu)*dw；约定（即 PyTorch）的速度是 v = mu*v - lr*dw，没有 (1 - mu) 这个因子。',
'v = mu * v - lr * dw (v from state, 0 at first), w_new = w + v; store v in state':
  'v = mu * v - lr * dw（v 取自 state，初始为 0），w_new = w + v；把 v 存进 state',
'It looks like h is overwritten with dw**2 on every call instead of accumulated (h += dw**2, a running sum of all squared gradients kept in `state`).':
  '看起来每次调用都用 dw**2 覆盖了 h，而不是累加（h += dw**2，即保存在 `state` 中的所有梯度平方的累计和）。',
'h (from state, 0 at first) += dw**2; w_new = w - lr * dw / (sqrt(h) + eps)':
  'h（取自 state，初始为 0）+= dw**2；w_new = w - lr * dw / (sqrt(h) + eps)',
'It looks like the decay factors are swapped: the running average is h = alpha*h + (1-alpha)*dw**2 (alpha weighs the old average).':
  '看起来两个衰减系数写反了：滑动平均是 h = alpha*h + (1-alpha)*dw**2（alpha 是旧平均值的权重）。',
'It looks like the running average h is not carried between calls: keep it in `state` and decay it on the next call.':
  '看起来滑动平均 h 没有在调用之间传递：把它保存在 `state` 里，下一次调用时再对它做衰减。',
'h = alpha * h + (1 - alpha) * dw**2 (h from state, 0 at first); w_new = w - lr * dw / (sqrt(h) + eps)':
  'h = alpha * h + (1 - alpha) * dw**2（h 取自 state，初始为 0）；w_new = w - lr * dw / (sqrt(h) + eps)',
'It looks like Adam without the bias correction: use m_hat = m / (1 - beta1**t) and v_hat = v / (1 - beta2**t) in the step.':
  '看起来是没有偏差修正的 Adam：更新时要用 m_hat = m / (1 - beta1**t) 和 v_hat = v / (1 - beta2**t)。',
'It looks like only m is bias-corrected: v needs its bias correction too, v_hat = v / (1 - beta2**t).':
  '看起来只对 m 做了偏差修正：v 也需要偏差修正，v_hat = v / (1 - beta2**t)。',
'It looks like only v is bias-corrected: m needs its bias correction too, m_hat = m / (1 - beta1**t).':
  '看起来只对 v 做了偏差修正：m 也需要偏差修正，m_hat = m / (1 - beta1**t)。',
'It looks like eps is inside the square root, sqrt(v_hat + eps): the contract divides by sqrt(v_hat) + eps (the difference shows for tiny gradients or a large eps).':
  '看起来 eps 放在了平方根里面，即 sqrt(v_hat + eps)：约定是除以 sqrt(v_hat) + eps（梯度很小或 eps 较大时差别就会显现）。',
"It looks like the textbook's folded step lr_t = lr*sqrt(1-beta2**t)/(1-beta1**t) with m/(sqrt(v)+eps): that adds eps to the uncorrected sqrt(v); PyTorch (the contract) adds it to sqrt(v_hat), after the bias correction.":
  '看起来用的是教材里合并后的步长 lr_t = lr*sqrt(1-beta2**t)/(1-beta1**t) 配合 m/(sqrt(v)+eps)：这样 eps 加在了未修正的 sqrt(v) 上；PyTorch（即约定）是在偏差修正之后，把 eps 加到 sqrt(v_hat) 上。',
'It looks like the step count t is not carried in `state`: it is 1 on every call, so the bias correction of the first step is applied forever. Store t and add 1 on each call.':
  '看起来步数 t 没有保存在 `state` 里：每次调用时它都是 1，于是第一步的偏差修正被一直沿用。请保存 t，并在每次调用时加 1。',
'It looks like the bias correction uses t before it is incremented (t = 0 on the first call, so 1 - beta**t = 0): add 1 to the step count first, then correct.':
  '看起来偏差修正用的是加 1 之前的 t（第一次调用时 t = 0，于是 1 - beta**t = 0）：先把步数加 1，再做修正。',
'It looks like the step count is one too high (t should be 1 on the first call): the bias correction uses the wrong t.':
  '看起来步数多了 1（第一次调用时 t 应为 1）：偏差修正用错了 t。',
'It looks like the bias-corrected moments are stored in `state`: keep the raw moments m and v there and bias-correct copies (m_hat, v_hat) for the step.':
  '看起来 `state` 里保存的是偏差修正后的矩：那里应保存未修正的 m 和 v，更新时另算修正后的副本（m_hat、v_hat）。',
'It looks like m, v and t are not carried between calls (every step starts from zero moments): keep them in `state`.':
  '看起来 m、v 和 t 没有在调用之间传递（每一步都从零矩开始）：把它们保存在 `state` 里。',
't += 1; m and v are running averages of dw and dw**2 kept in state; divide by the bias corrections (1 - beta**t); w_new = w - lr * m_hat / (sqrt(v_hat) + eps)':
  't += 1；m 和 v 分别是 dw 和 dw**2 的滑动平均，保存在 state 里；除以偏差修正项 (1 - beta**t)；w_new = w - lr * m_hat / (sqrt(v_hat) + eps)',
# ---------------------------------------------------------------- convolution.py
"It looks like the dilated kernel's span is missing its + 1: a kernel of size k with dilation d spans d * (k - 1) + 1 input pixels, and PyTorch's formula subtracts that whole span (n + 2p - d * (k - 1) - 1), not just d * (k - 1).":
  '看起来膨胀卷积核的跨度少了 + 1：大小为 k、膨胀为 d 的卷积核跨越 d * (k - 1) + 1 个输入像素，PyTorch 的公式减去的是整个跨度（n + 2p - d * (k - 1) - 1），而不只是 d * (k - 1)。',
'It looks off by one: one too small on each side. The formula is missing the final + 1 (the first window counts too).':
  '看起来差了 1：每一边都少了 1。公式缺了最后的 + 1（第一个窗口也要算上）。',
'It looks like dilation is ignored: a dilated kernel spans dilation * (kernel_size - 1) + 1 input pixels.':
  '看起来忽略了膨胀：膨胀后的卷积核跨越 dilation * (kernel_size - 1) + 1 个输入像素。',
'It looks like the division by the stride is rounded up (ceil) instead of down (floor): a window that does not fit entirely is not counted.':
  '看起来除以步幅时向上取整（ceil）了，应当向下取整（floor）：放不完整的窗口不计入。',
'It looks like the padding is counted once: it is added on both sides (2 * padding).':
  '看起来填充只算了一次：两侧都要加填充（2 * padding）。',
'It looks like the padding is ignored.': '看起来忽略了填充。',
'It looks like the stride is ignored.': '看起来忽略了步幅。',
'It looks like the (h, w) pairs are applied the wrong way round: the first item of kernel_size/stride/padding/dilation is for the height.':
  '看起来 (h, w) 二元组用反了：kernel_size/stride/padding/dilation 的第一项对应高度。',
'It looks like the stride defaults to 1: for pooling, stride=None means stride = kernel_size.':
  '看起来步幅默认成了 1：对池化来说，stride=None 表示 stride = kernel_size。',
'It looks like ceil_mode is ignored (always rounded down).': '看起来忽略了 ceil_mode（总是向下取整）。',
"It looks like ceil_mode rounds up without PyTorch's last-window rule: with ceil_mode the last window must start inside the input or the left padding, otherwise it is dropped.":
  '看起来 ceil_mode 向上取整时没有遵循 PyTorch 关于最后一个窗口的规则：在 ceil_mode 下，最后一个窗口必须从输入内部或左侧填充内开始，否则就舍去。',
'It looks like the division by the stride is rounded up (ceil) although ceil_mode is False.':
  '看起来 ceil_mode 为 False，除以步幅时却向上取整（ceil）了。',
'a numpy array ({value}); return a tuple of two ints': '一个 numpy 数组（{value}）；请返回由两个 int 组成的 tuple',
'a {type} object, which the grader cannot read back (a namedtuple or another tuple subclass included); return a plain tuple (h_out, w_out) of two ints':
  '一个 {type} 对象，评分器无法读回（namedtuple 和其他 tuple 子类也不行）；请返回由两个 int 组成的普通 tuple (h_out, w_out)',
'a {type} of {length}': '长度为 {length} 的 {type}',
'{shown}; expected a tuple (h_out, w_out) of two ints': '{shown}；期望是由两个 int 组成的 tuple (h_out, w_out)',
'{value}: the sizes must be ints, not bools': '{value}：尺寸必须是 int，不能是 bool',
'{value}: the sizes must be ints, got a {type}': '{value}：尺寸必须是 int，实际得到 {type}',
'floats: the sizes must be ints (floor division `//` or int(...) gives ints)':
  '浮点数：尺寸必须是 int（向下取整除法 `//` 或 int(...) 得到的都是 int）',
'raised {error} for valid arguments whose output size is {size}: {message}{where}':
  '参数合法（输出尺寸为 {size}），却抛出了 {error}：{message}{where}',
'the result is {problem}': '结果为：{problem}',
'the result {result} holds {problem}': '结果 {result} 中是{problem}',
' (and they should be ints, not floats)': '（而且应当是 int，而不是浮点数）',
'expected {expected}, got {got}{extra}': '期望 {expected}，实际得到 {got}{extra}',
'wrong result: {what}': '结果错误：{what}',
'These arguments are valid: (h + 2*padding - dilated kernel) need not be divisible by the stride; the floor division drops the remainder (the last pixels are not covered).':
  '这些参数是合法的：(h + 2*padding - 膨胀后的卷积核跨度) 不必能被步幅整除；向下取整的除法会舍去余数（最后几个像素不被覆盖）。',
'Here the padding is exactly half of the kernel size, which is allowed: PyTorch requires padding <= kernel_size / 2 and rejects only padding > kernel_size / 2.':
  '这里的填充恰好是 kernel_size 的一半，这是允许的：PyTorch 要求 padding <= kernel_size / 2，只拒绝 padding > kernel_size / 2。',
'Here the window is larger than the padded input, which ceil_mode allows: the last window must only start inside the input or the left padding and may run past the end, so this side is 1. In ceil_mode, check where the last window starts, not whether the kernel fits.':
  '这里窗口比填充后的输入还大，而 ceil_mode 允许这样：最后一个窗口只需从输入内部或左侧填充内开始，可以越过末尾，所以这一边是 1。在 ceil_mode 下，要检查最后一个窗口从哪里开始，而不是窗口能否放下。',
'{name}={value} is out of range ({name} must be >= {low})': '{name}={value} 超出范围（{name} 必须 >= {low}）',
'height': '高度',
'width': '宽度',
'the dilated kernel spans {span} pixels but the padded {side} is {padded}: the output {side} would be {out}':
  '膨胀后的卷积核跨越 {span} 个像素，但填充后的{side}只有 {padded}：输出的{side}会是 {out}',
'the kernel spans {span} pixels but the padded {side} is {padded}: the output {side} would be {out}':
  '卷积核跨越 {span} 个像素，但填充后的{side}只有 {padded}：输出的{side}会是 {out}',
'the arguments are out of range': '参数超出范围',
'kernel_size={kernel_size} is out of range (kernel_size must be >= 1)':
  'kernel_size={kernel_size} 超出范围（kernel_size 必须 >= 1）',
'stride={stride} is out of range (stride must be >= 1; only None means kernel_size)':
  'stride={stride} 超出范围（stride 必须 >= 1；只有 None 才表示取 kernel_size）',
'padding={padding} is out of range (padding must be >= 0)': 'padding={padding} 超出范围（padding 必须 >= 0）',
'padding={padding} is more than half of kernel_size={kernel_size}': 'padding={padding} 超过了 kernel_size={kernel_size} 的一半',
'the window of {kernel} does not fit in the padded {side} {padded}: the output {side} would be {out}':
  '大小为 {kernel} 的窗口放不进填充后的{side} {padded}：输出的{side}会是 {out}',
'int(...) truncates toward zero (and math.ceil rounds up), so a small negative quotient becomes 0 and the size 1 instead of < 1: use floor division (//) or math.floor before checking the size.':
  'int(...) 向零截断（math.ceil 则向上取整），于是绝对值较小的负商会变成 0，尺寸变成 1 而不是 < 1：检查尺寸之前请用向下取整除法（//）或 math.floor。',
'It looks like the sizes are computed right but never checked: nothing raises ValueError when a side comes out < 1. After computing h_out and w_out, raise ValueError if either is < 1.':
  '看起来尺寸算对了，但从没检查：某一边小于 1 时没有抛出 ValueError。算出 h_out 和 w_out 之后，只要有一个 < 1 就抛出 ValueError。',
'It looks like a side of 0 is let through: sizes below 0 raise, but an output side must be at least 1, so raise ValueError when h_out or w_out is < 1 (not < 0).':
  '看起来放过了为 0 的边：尺寸小于 0 时会报错，但输出的每一边至少为 1，所以 h_out 或 w_out < 1（而不是 < 0）时就要抛出 ValueError。',
"stride=0 was taken as 'not given' (as with `stride or kernel_size`): only None means stride = kernel_size; test `stride is None`.":
  'stride=0 被当成了“未给出”（比如写成了 `stride or kernel_size`）：只有 None 才表示 stride = kernel_size；请用 `stride is None` 判断。',
'raised {error} instead of ValueError for invalid arguments: {reason}': '参数不合法时抛出的是 {error} 而不是 ValueError：{reason}',
'raise ValueError(...) yourself when an argument is out of range or the output would be empty; do not use assert or let another error escape':
  '参数超出范围或输出会为空时，自己 raise ValueError(...)；不要用 assert，也不要让别的异常抛出去',
'did not raise ValueError: {reason}, but it returned {shown}': '没有抛出 ValueError：{reason}，但它返回了 {shown}',
"check the arguments' ranges first, then raise ValueError when an output side is < 1":
  '先检查各参数的范围，再在输出某一边 < 1 时抛出 ValueError',
'per side: count the positions where the dilated kernel fits entirely in the padded input, stepping by the stride':
  '每一边分别计算：按步幅移动，数一数膨胀后的卷积核能完整放进填充后输入的位置有多少个',
'per side as for a convolution without dilation; stride=None means the kernel size':
  '每一边的算法与不带膨胀的卷积相同；stride=None 表示步幅等于 kernel_size',
"It looks like the patch columns and the flattened filters list their entries in different orders, e.g. windows flattened as (KH, KW, C) against w.reshape(F, -1)'s (C, KH, KW): the shapes fit, but each pixel is multiplied by another pixel's weight. Flatten both in the same (C, KH, KW) order.":
  '看起来图像块的列与展平后的卷积核中，元素的排列顺序不一致，例如窗口按 (KH, KW, C) 展平，而 w.reshape(F, -1) 是按 (C, KH, KW)：形状对得上，但每个像素乘上了别的像素的权重。请让两者都按相同的 (C, KH, KW) 顺序展平。',
"It looks like the kernel is flipped (a textbook convolution): conv2d, like PyTorch's, is a cross-correlation, out = sum of x_pad[n, c, i*s + p, j*s + q] * w[f, c, p, q], with no flip.":
  '看起来卷积核被翻转了（教科书上的卷积定义）：conv2d 和 PyTorch 的一样是互相关，out = x_pad[n, c, i*s + p, j*s + q] * w[f, c, p, q] 之和，不翻转卷积核。',
'It looks like all the padding is on one side (2 * padding at the bottom/right): the zeros go on every side, `padding` rows above and below, columns left and right.':
  '看起来所有填充都放在了一侧（底部/右侧各 2 * padding）：四周都要补零，上下各 `padding` 行，左右各 `padding` 列。',
'It looks like all the padding is on one side (2 * padding at the top/left): the zeros go on every side, `padding` rows above and below, columns left and right.':
  '看起来所有填充都放在了一侧（顶部/左侧各 2 * padding）：四周都要补零，上下各 `padding` 行，左右各 `padding` 列。',
'It looks like the bias b is not added.': '看起来没有加偏置 b。',
'It looks like the bias is added once per input channel (C times): add b[f] once to each output of filter f.':
  '看起来偏置在每个输入通道上各加了一次（共 C 次）：b[f] 只需在卷积核 f 的每个输出上加一次。',
"It looks like the bias is added along the last axis (out + b broadcasts over W'): b[f] belongs to filter f, axis 1 of (N, F, H', W').":
  "看起来偏置加在了最后一个轴上（out + b 沿 W' 广播）：b[f] 属于卷积核 f，即 (N, F, H', W') 的轴 1。",
"It looks like the bias is added along the wrong axis (over H'): b[f] belongs to filter f, axis 1 of (N, F, H', W').":
  "看起来偏置加错了轴（加在了 H' 上）：b[f] 属于卷积核 f，即 (N, F, H', W') 的轴 1。",
"It looks like the bias is added along the wrong axis (over the batch N): b[f] belongs to filter f, axis 1 of (N, F, H', W').":
  "看起来偏置加错了轴（加在了批维度 N 上）：b[f] 属于卷积核 f，即 (N, F, H', W') 的轴 1。",
'It looks like the stride is applied along the height only (the width uses stride 1).':
  '看起来步幅只用在了高度方向（宽度方向用的是步幅 1）。',
'It looks like the stride is applied along the width only (the height uses stride 1).':
  '看起来步幅只用在了宽度方向（高度方向用的是步幅 1）。',
'It looks like the stride is ignored (stride 1 is used).': '看起来忽略了步幅（用的是步幅 1）。',
"It looks like the kernel's height and width are swapped (KH used along the width and KW along the height): w has shape (F, C, KH, KW).":
  '看起来卷积核的高和宽弄反了（KH 用在了宽度方向，KW 用在了高度方向）：w 的形状是 (F, C, KH, KW)。',
'It looks like the filters were reshaped straight to (C*KH*KW, F) (w.reshape(-1, F)): a reshape does not move the F axis; flatten each filter to a row of (F, C*KH*KW) and transpose that.':
  '看起来卷积核被直接 reshape 成了 (C*KH*KW, F)（w.reshape(-1, F)）：reshape 不会移动 F 轴；应先把每个卷积核展平成 (F, C*KH*KW) 中的一行，再转置。',
"It looks like b (shape (F,)) is added to the (N, F, H', W') output as it is: numpy lines it up with the last axis W'. b[f] belongs to axis 1 (shape it (F, 1, 1)).":
  "看起来把 b（形状为 (F,)）原样加到了 (N, F, H', W') 的输出上：numpy 会把它和最后一个轴 W' 对齐。b[f] 属于轴 1（把它变形为 (F, 1, 1)）。",
"np.pad's pad_width takes one (before, after) pair per axis of x: x has four axes (N, C, H, W), and only H and W get padding.":
  'np.pad 的 pad_width 要为 x 的每个轴各给一对 (before, after)：x 有四个轴 (N, C, H, W)，只有 H 和 W 需要填充。',
'It looks like x was padded along the batch and channel axes too (np.pad(x, padding) pads every axis): only H and W get padding.':
  '看起来 x 在批轴和通道轴上也做了填充（np.pad(x, padding) 会填充每一个轴）：只有 H 和 W 需要填充。',
"out[n, f, i, j] = b[f] + sum over c, p, q of x_pad[n, c, i*stride + p, j*stride + q] * w[f, c, p, q]; output shape (N, F, H', W')":
  "out[n, f, i, j] = b[f] + 对 c、p、q 求和 x_pad[n, c, i*stride + p, j*stride + q] * w[f, c, p, q]；输出形状为 (N, F, H', W')",
'no Python loop over output pixels: gather all windows at once (numpy.lib.stride_tricks.sliding_window_view, or im2col) and contract them with the filters in one einsum / tensordot / matrix product':
  '不要对输出像素写 Python 循环：一次取出所有窗口（numpy.lib.stride_tricks.sliding_window_view 或 im2col），再用一次 einsum / tensordot / 矩阵乘法与卷积核相乘求和',
"Some windows come out 0 where their maximum is negative: it looks like the running maximum starts from zeros (np.zeros); start from the first element of each window (or -inf in x's dtype).":
  '有些窗口的最大值是负数，结果却是 0：看起来逐步求最大值时是从零（np.zeros）开始的；应从每个窗口的第一个元素开始（或从 x 的 dtype 下的 -inf 开始）。',
'It looks like the stride defaults to 1: stride=None means stride = kernel_size.':
  '看起来步幅默认成了 1：stride=None 表示 stride = kernel_size。',
'It looks like the stride argument is ignored (windows always step by kernel_size, as with a reshape into blocks): overlapping windows (stride < kernel_size) and gaps (stride > kernel_size) need their own indexing.':
  '看起来忽略了参数 stride（窗口总是按 kernel_size 移动，就像 reshape 成分块那样）：窗口重叠（stride < kernel_size）和有间隔（stride > kernel_size）时，需要各自的索引方式。',
'out[n, c, i, j] = max of x[n, c, i*stride : i*stride + k, j*stride : j*stride + k]; stride=None means stride = kernel_size':
  'out[n, c, i, j] = x[n, c, i*stride : i*stride + k, j*stride : j*stride + k] 的最大值；stride=None 表示 stride = kernel_size',
'no Python loop over output pixels: take the maximum over all windows at once (a running np.maximum over the k*k offsets, or sliding_window_view)':
  '不要对输出像素写 Python 循环：一次对所有窗口取最大值（对 k*k 个偏移逐个做 np.maximum，或用 sliding_window_view）',
# ---------------------------------------------------------------- attention.py
"write attention yourself with matrix products and torch.softmax; PyTorch's fused attention (F.scaled_dot_product_attention, nn.MultiheadAttention, F.multi_head_attention_forward, nn.Transformer*) is not allowed":
  '请用矩阵乘法和 torch.softmax 自己实现注意力；不允许使用 PyTorch 的融合注意力（F.scaled_dot_product_attention、nn.MultiheadAttention、F.multi_head_attention_forward、nn.Transformer*）',
'The result is right only to float32 precision (~1e-7) for float64 inputs: a step runs in float32, e.g. a constant made with torch.tensor(d) / torch.sqrt(torch.tensor(...)) without dtype=, a .float() cast (a softmax computed in float32), or a float32 buffer.':
  '输入是 float64，结果却只精确到 float32 的精度（约 1e-7）：有一步是在 float32 下计算的，例如没有指定 dtype= 的 torch.tensor(d) / torch.sqrt(torch.tensor(...)) 常数、.float() 转换（在 float32 下算 softmax），或 float32 的缓冲区。',
'keep every step inside autograd: no torch.no_grad(), .detach(), .data, .numpy() or torch.tensor(...) of computed values, and no in-place changes of the inputs':
  '每一步都要留在 autograd 里：不要用 torch.no_grad()、.detach()、.data、.numpy()，不要对算出来的值用 torch.tensor(...)，也不要原地修改输入',
'The scores are not divided by sqrt(d) (d = the last dimension of q and k).':
  '注意力分数没有除以 sqrt(d)（d 是 q 和 k 最后一维的大小）。',
"The scores are divided by sqrt(dv) (v's last dimension); the scale is 1/sqrt(d) with d the last dimension of q and k.":
  '注意力分数除以的是 sqrt(dv)（v 最后一维的大小）；缩放因子应为 1/sqrt(d)，d 是 q 和 k 最后一维的大小。',
'The 1/sqrt(d) scale is applied after the softmax; it belongs on the scores, before it.':
  '1/sqrt(d) 的缩放放在了 softmax 之后；它应当在 softmax 之前作用于注意力分数。',
"The softmax runs over the wrong dimension: each query's weights (the last dim, over the keys) must sum to 1.":
  'softmax 作用的维度错了：每个查询的权重（最后一维，遍历所有键）之和必须为 1。',
'The mask is applied after the softmax: masked positions must get -inf before it, so the remaining weights still sum to 1.':
  '掩码用在了 softmax 之后：被掩盖的位置要在 softmax 之前设为 -inf，这样其余权重之和仍为 1。',
'The mask looks inverted: True means the query MAY attend to that key.':
  '掩码看起来用反了：True 表示该查询“可以”关注这个键。',
'The mask looks inverted: True means the query MAY attend to that key (a row whose keys are all allowed came out NaN: every score in it was set to -inf).':
  '掩码看起来用反了：True 表示该查询“可以”关注这个键（所有键都允许关注的一行得到了 NaN：这一行的每个分数都被设成了 -inf）。',
'The mask multiplies the scores: masked scores become 0, not -inf, so masked keys still get weight; fill them with -inf (masked_fill) before the softmax.':
  '掩码被乘到了注意力分数上：被掩盖的分数变成 0 而不是 -inf，被掩盖的键仍会分到权重；应在 softmax 之前把它们填为 -inf（masked_fill）。',
'weights = softmax(q @ k^T / sqrt(d)) over the keys; where mask is False (True = may attend) the score is -inf before the softmax; out = weights @ v':
  'weights = softmax(q @ k^T / sqrt(d))，在键的维度上做；mask 为 False 的位置（True = 可以关注），在 softmax 之前把分数设为 -inf；out = weights @ v',
'exp of large scores overflows: torch.softmax (or subtracting the row maximum) keeps it finite':
  '分数很大时 exp 会溢出：用 torch.softmax（或先减去每行的最大值）就能保持有限',
'no Python loop over batch elements or queries: batched matrix products (@) handle every leading dimension at once':
  '不要对批中的元素或各个查询写 Python 循环：批量矩阵乘法（@）会一次处理所有前导维度',
'the result is {type}, expected a torch bool tensor': '结果是 {type}，期望是 torch 的 bool 张量',
'the mask is {dtype}, expected torch.bool (True = may attend)': '掩码是 {dtype}，期望是 torch.bool（True = 可以关注）',
'a 0/1 float mask breaks ~mask and masked_fill: build it with dtype=torch.bool':
  '0/1 的浮点掩码会让 ~mask 和 masked_fill 出错：请用 dtype=torch.bool 创建',
'the mask has shape {got}, expected {expected}': '掩码的形状是 {got}，期望是 {expected}',
'It is the upper triangle: position i may attend to j <= i, which is on and BELOW the diagonal.':
  '这是上三角：位置 i 可以关注 j <= i 的位置，也就是对角线上及对角线“以下”。',
'The diagonal is missing: a position may attend to itself.': '缺了对角线：每个位置都可以关注它自己。',
'wrong mask: at [{i}, {j}] expected {expected}, got {got}': '掩码错误：在 [{i}, {j}] 处期望 {expected}，实际得到 {got}',
'True where the key position j is not in the future of the query position i':
  '键的位置 j 不在查询位置 i 的未来时为 True',
'pass device= to the tensor you create (torch.ones(L, L, dtype=torch.bool, device=device))':
  '创建张量时传入 device=（torch.ones(L, L, dtype=torch.bool, device=device)）',
'The causal mask keeps the future (upper triangle): query i may attend only to keys j <= i.':
  '因果掩码保留了未来（上三角）：查询 i 只能关注 j <= i 的键。',
'The mask is triu(..., diagonal=1), the positions to *block*: with True = may attend, the causal mask is its complement, on and below the diagonal.':
  '掩码用的是 triu(..., diagonal=1)，也就是要*屏蔽*的位置：按 True = 可以关注的约定，因果掩码是它的补集，即对角线上及对角线以下。',
'causal=True is ignored: without the causal mask every position also attends to the future.':
  'causal=True 被忽略了：没有因果掩码，每个位置也会关注到未来。',
'The scores are scaled by 1/sqrt(D) with D = x.shape[-1], the model width; the scale is 1/sqrt(d) with d the width of the projections (w_q.shape[1]).':
  '注意力分数按 1/sqrt(D) 缩放了，D = x.shape[-1] 是模型宽度；缩放因子应为 1/sqrt(d)，d 是投影后的宽度（w_q.shape[1]）。',
'project x with w_q, w_k, w_v, then scaled dot-product attention (causal mask when causal=True)':
  '先用 w_q、w_k、w_v 对 x 做投影，再做缩放点积注意力（causal=True 时加因果掩码）',
'The heads look split without a transpose: reshape (B, L, D) to (B, L, h, D/h), then move the head axis forward with transpose(1, 2) (and back before merging).':
  '拆分多头时看起来没有转置：先把 (B, L, D) reshape 成 (B, L, h, D/h)，再用 transpose(1, 2) 把头所在的轴移到前面（合并前再移回去）。',
'The scores are scaled by 1/sqrt(D); each head uses 1/sqrt(D / num_heads).':
  '注意力分数按 1/sqrt(D) 缩放了；每个头应使用 1/sqrt(D / num_heads)。',
'The output projection w_o is missing: concatenate the heads, then multiply by w_o.':
  '缺少输出投影 w_o：先把各个头拼接起来，再乘以 w_o。',
'split the last dim of x @ w_q (and k, v) into num_heads contiguous chunks, attend per head, concatenate in order, then @ w_o':
  '把 x @ w_q（以及 k、v）的最后一维切成 num_heads 个连续的块，每个头分别做注意力，按顺序拼接，再 @ w_o',
'no Python loop over batch elements or queries: reshape to (B, h, L, D/h) and use batched matrix products':
  '不要对批中的元素或各个查询写 Python 循环：reshape 成 (B, h, L, D/h)，再用批量矩阵乘法',
'the encoding is {got}, expected a torch.float32 tensor': '编码是 {got}，期望是 torch.float32 张量',
'compute in float64 if you like, then convert once with .float() or .to(torch.float32)':
  '可以用 float64 计算，最后用 .float() 或 .to(torch.float32) 统一转换一次',
'The frequency exponent looks wrong: it is 2i/d_model with 2i the even column index (0, 2, 4, ...).':
  '频率的指数看起来不对：应为 2i/d_model，其中 2i 是偶数列的下标（0, 2, 4, ...）。',
'sin and cos look swapped: even columns 2i hold sin, odd columns 2i+1 hold cos.':
  'sin 和 cos 看起来放反了：偶数列 2i 放 sin，奇数列 2i+1 放 cos。',
"The exponent's sign is flipped: the angle is pos * 10000^(2i/d_model); it is pos / 10000^(2i/d_model) (with exp: exp(2i * -log(10000) / d_model), note the minus).":
  '指数的符号反了：角度算成了 pos * 10000^(2i/d_model)；应为 pos / 10000^(2i/d_model)（用 exp 写就是 exp(2i * -log(10000) / d_model)，注意负号）。',
'PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)':
  'PE[pos, 2i] = sin(pos / 10000^(2i/d_model))，PE[pos, 2i+1] = cos(同一角度)',
}
