//! 简体中文.

use gpt_image_wasm::core::{Issue, Rule};

use super::Words;

/// Every word in Chinese.
pub static CHINESE: Words = Words {
    // The page.
    page_title: "gpt-image 演练场",
    language: "语言",
    requests: "请求",
    shell_loading: "正在加载演练场…",
    session_totals: |tokens, cost| format!("本次会话：{tokens} 个 token · 约 {cost}"),
    // The form.
    form_generate: "生成图片",
    form_edit: "编辑图片",
    form_conversation: "对话设置",
    mode: "模式",
    mode_generate: "生成",
    mode_edit: "编辑",
    mode_conversation: "对话",
    form_conversation_hint: "对话的每一轮都用这些设置生成图片。",
    prompt: "提示词",
    prompt_placeholder: "黎明时的灯塔，水彩",
    model: "模型",
    models_current: "当前",
    models_retiring: "OpenAI 即将下线",
    models_retired: "OpenAI 已下线",
    other_model: "其他模型…",
    model_typed: "模型名称（按输入原样发送）",
    model_typed_placeholder: "例如 openai/gpt-image-2.5-flare",
    size: "尺寸",
    width: "宽度",
    height: "高度",
    quality: "质量",
    complexity: "复杂度",
    background: "背景",
    format: "格式",
    compression: "压缩率",
    frames: "帧数",
    frame_ms: "每帧毫秒",
    svg_model: "SVG 绘制模型",
    moderation: "审核",
    input_fidelity: "输入保真度",
    image_count: "图片数",
    stream: "流式",
    partial_images: "中间图",
    server_default: "（默认）",
    more_parameters: "更多参数",
    extra_fields: "额外字段（JSON）",
    needs_prompt: "请先描述要生成的图片。",
    fix_marked: "请先修正上面标出的问题。",
    send_keys: "按 Ctrl+Enter 或 ⌘+Enter 发送。",
    mask_blocked: "已绘制标注，蒙版不能与标注同时使用。",
    markup_blocked: "无标注：已设置蒙版，标注不能与蒙版同时使用。",
    add_images: "添加图片",
    drop_hint: "或拖放、粘贴到这里：PNG、JPEG 或 WebP，最多 16 张。",
    input_images: "输入图片",
    remove: "移除",
    mask_drawn: "蒙版：已绘制，只有涂过的区域会改变。",
    no_mask: "无蒙版：整张图片都可能改变。",
    edit_mask: "编辑蒙版",
    draw_mask: "绘制蒙版",
    upload_mask: "上传蒙版",
    clear_mask: "清除蒙版",
    mask_title: "涂出图片可以改变的区域",
    mask_colour: "蒙版",
    mask_area: "蒙版绘制区",
    mask_not_png: "无法把绘制的蒙版转成 PNG",
    markup_drawn: "标注：已绘制，由提示词说明这些标记要做什么。",
    no_markup: "无标注：画出提示词会解释的标记（箭头、圆圈）。",
    edit_markup: "编辑标注",
    draw_markup: "绘制标注",
    clear_markup: "清除标注",
    markup_title: "标出要修改的地方",
    markup_area: "标注绘制区",
    markup_not_png: "无法把绘制的标注转成 PNG",
    red: "红色",
    yellow: "黄色",
    green: "绿色",
    blue: "蓝色",
    drawing_done: "完成",
    tool: "工具",
    brush: "画笔",
    eraser: "橡皮擦",
    colour: "颜色",
    brush_size: "画笔大小",
    undo: "撤销",
    clear: "清除",
    drawing_keys: "键盘操作：聚焦图片，用方向键移动，按 Shift+方向键或空格绘制。",
    drawing_image: "绘制层下方的第一张输入图片",
    use_size: |width, height| format!("改用 {width}x{height}"),
    quality_reset: |to, model, asked| {
        let shown = if to.is_empty() { "默认值".to_owned() } else { format!(" {to}") };
        format!("质量已重置为{shown}：{model} 不支持 {asked}。")
    },
    size_reset: |to, model, asked| {
        let shown = if to.is_empty() { "默认值".to_owned() } else { format!(" {to}") };
        format!("尺寸已重置为{shown}：{model} 不支持 {asked}。")
    },
    size_auto_for_input: |model, width, height| {
        format!("尺寸已设为 auto：{model} 会沿用输入图片的形状（{width}x{height}）。")
    },
    size_for_input: |size, width, height| format!("尺寸已设为 {size}，与输入图片（{width}x{height}）一致。"),
    model_until: |day| format!("（{day} 下线）"),
    model_since: |day| format!("（{day} 起已下线）"),
    model_summary: summary_in_chinese,
    value_label: label_in_chinese,
    input_image: |number, name| format!("输入图片 {number}：{name}"),
    remove_input_image: |number| format!("移除输入图片 {number}"),
    mask_uploaded: |file| format!("蒙版：已上传的 {file}。"),
    no_mask_because: |why| format!("无蒙版：{why}"),
    parameter_doc: |name, doc| {
        let chinese = match name {
            "response_format" => "`url` 或 `b64_json`。OpenAI 的 GPT 图片模型总是返回 `b64_json`；部分服务商返回链接。",
            "user" => "终端用户的标识，用于滥用监控。",
            "style" => "`vivid` 或 `natural`，用于接受风格参数的模型（DALL·E 3）。",
            _ => doc,
        };
        chinese.to_owned()
    },
    // Settings.
    endpoint_in_use: "接口：",
    endpoint_not_valid: " — 接口地址无效：不会发送任何请求",
    settings: "设置",
    dismiss: "关闭",
    close: "关闭",
    endpoint: "接口",
    add_endpoint: "添加接口",
    remove_endpoint: "删除接口",
    site_locked: " 由本站配置：只能修改密钥和流式设置。",
    name: "名称",
    base_url: "接口地址 (Base URL)",
    this_server: "本地服务器",
    image_model: "图片模型",
    image_model_placeholder: "沿用表单的模型",
    image_model_hint: "选中此接口时，表单改用这个模型；留空则保留表单的模型。",
    api_key: "API 密钥",
    key_added_by_server: "无需填写：服务器会添加",
    key_of_provider: "服务商的密钥（由中转添加时留空）",
    remember_key: "在此浏览器中记住密钥",
    key_stored: "密钥现在以明文保存在此浏览器中：使用此浏览器配置文件的任何人、本站的任何脚本都能读取它。只在你一个人使用的电脑上这样做。",
    key_in_memory: "密钥只留在此标签页的内存中，关闭即消失；不会写进 URL、日志或导出文件。由服务器或中转添加密钥时请留空。",
    stream_images: "流式接收图片",
    stream_hint: "图片边生成边送达，途中还有中间图。流式让连接保持活跃，因此即使代理或网关会切断空闲连接（常在 60 或 100 秒后），长时间的生成也能完成。",
    conversations_through: "对话使用",
    api_detect: "自动检测：优先 Responses API，否则 Images API",
    api_responses: "仅 Responses API",
    api_images: "仅 Images API（编辑）",
    conversations_hint: "Responses API 在服务商一侧保存对话；许多服务商只有 Images API，此时每一轮编辑上一轮的图片，之前各轮概括进它的提示词。自动检测先尝试 Responses API，发现服务商没有 /responses 后就一直使用 Images API。",
    conversation_model: "对话模型",
    test_connection: "测试连接",
    testing: "正在向服务商查询模型列表…",
    timeout_seconds: "超时（秒）",
    retries: "重试次数",
    no_base_url: "尚未设置接口地址",
    share_endpoint: "分享此接口",
    shareable_link: "分享链接",
    copied: "已复制",
    copy_link: "复制链接",
    key_in_link: "链接中也包含密钥",
    share_key_warning: "任何拿到此链接的人都能使用这个密钥，并用它付费：只发给自己或信任的人。密钥在链接的片段（#）中，浏览器不会把它发送给任何服务器。",
    share_without_key: "链接只包含名称、接口地址和模型，从不包含密钥：打开的人填写自己的密钥。",
    endpoint_kind: "类型",
    kind_openai: "OpenAI 或兼容 OpenAI 的接口",
    api_version: "API 版本",
    azure_hint: "接口地址填部署的地址：https://NAME.openai.azure.com/openai/deployments/DEPLOYMENT。密钥放在 api-key 请求头中，版本放在 ?api-version= 中。",
    headers_and_query: "请求头和查询参数",
    headers: "请求头，每行一个，格式为 Header: value",
    query: "查询参数，每行一个，格式为 key=value",
    addressing_hint: "随发往此接口的每个请求一起发送，并与接口设置一起保存（含机密的请求头与接口地址一样，以明文保存）。",
    own_tab: "演练场需要在自己的标签页中运行，不能嵌在其他页面里。",
    open_playground: "打开演练场",
    from_shared_link: "分享链接",
    from_address: "页面地址",
    link_not_json: "链接中分享的接口不是 JSON",
    config_not_fetched: "无法获取",
    config_not_read: "无法读取",
    config_not_json: "不是 JSON",
    base_url_hint: |url| format!("服务商的 API 根地址，例如 {url}：设置之前不会发送任何请求。"),
    use_url: |url| format!("改用 {url}"),
    whole_number: |label, min, max, value| format!("{label}：必须是 {min} 到 {max} 之间的整数。仍在使用 {value}。"),
    connected_without_list: |url, status| format!("已连接：{url} 返回 HTTP {status}，但没有模型列表。"),
    connected_no_image_model: |count| format!("已连接：共 {count} 个模型，从名称看没有图片模型。"),
    connected_image_models: |count, images| format!("已连接：共 {count} 个模型，其中有 {images}。"),
    connection_refused: |url, status, advice| format!("{url} 返回 HTTP {status}。{advice}"),
    endpoint_set_up: |from, name| format!("{from}配置了接口“{name}”，现已启用。"),
    setup_not_used: |from, why| format!("{from}未被采用：{why}。你的设置保持不变。"),
    site_config_not_used: |file, why| format!("本站的 {file} 未被采用：{why}。"),
    config_answered: |status| format!("返回了 HTTP {status}"),
    // Runs.
    default_model: "默认模型",
    cancel: "取消",
    image_being_generated: "图片生成中",
    open_link: "打开",
    download_link: "下载",
    before_edit: "编辑前的输入图片",
    before_after: "编辑前 / 编辑后",
    run_of: |model, edit| format!("{model} {}", if edit { "编辑" } else { "生成" }),
    elapsed: |seconds| super::format::seconds(seconds),
    run_tokens: |tokens| format!(" · {tokens} 个 token"),
    run_cost: |cost| format!(" · 约 {cost}"),
    partial_running: |number, of| format!("图片生成中：中间图 {number}/{of}"),
    partial_last: |number, of| format!("收到的最后一张中间图：{number}/{of}"),
    partial_note: |number, of| format!("中间图 {number}/{of}"),
    generated_image: |prompt| format!("生成的图片：{prompt}"),
    link_not_kept: |reason| format!("未存入图库：{reason}。请趁链接有效时打开或下载。"),
    // The gallery.
    gallery_title: "图库",
    gallery_search: "搜索提示词",
    gallery_favourites_only: "只看收藏",
    gallery_actions: "图库操作",
    gallery_select_all: "全选",
    gallery_clear_selection: "取消选择",
    gallery_export_all: "全部导出为 ZIP",
    gallery_import: "导入 ZIP",
    gallery_reading_zip: "正在读取 ZIP…",
    gallery_empty: "你生成的图片会保存在这里（仅限本浏览器），直到你删除它们。",
    gallery_show_more: "显示更多",
    card_favourite: "收藏",
    card_select: "选择",
    viewer_label: "已保存的图片",
    viewer_previous_label: "上一张图片",
    viewer_previous: "‹ 上一张",
    viewer_next_label: "下一张图片",
    viewer_next: "下一张 ›",
    viewer_open_conversation: "打开对话",
    viewer_from_deleted: "来自一个已删除的对话。",
    viewer_facts: "图片信息",
    viewer_asked: "请求参数",
    viewer_revised: "模型改写后的提示词",
    viewer_made: "生成时间",
    viewer_open: "在查看器中打开",
    gallery_nothing_to_export: "图库是空的：没有可导出的图片。",
    undo_undo: "撤销",
    undo_erase_title: "立即彻底删除：此操作无法撤销",
    storage_unknown: "此浏览器未提供存储用量。",
    storage_nearly_full: "存储空间即将用尽：请导出并删除一些图片以腾出空间。",
    storage_kept: "已持久保存：浏览器不会为腾出空间而清除图库。",
    storage_not_kept: "未确保保留：浏览器未授予持久存储，磁盘空间不足时可能清除图库。请导出 ZIP 保留副本。",
    storage_unsure: "浏览器未说明是否会保留图库：请导出 ZIP 保留副本。",
    storage_ask: "申请持久保存",
    storage_bytes: "字节",
    image_download: "下载",
    image_copy: "复制",
    edit: "编辑",
    image_edit_label: "编辑这张图片",
    image_more: "更多",
    image_more_label: "更多操作",
    image_open_full: "查看原图",
    image_open_file: "作为文件打开",
    image_download_svg: "下载 SVG",
    image_reuse: "复用设置",
    delete: "删除",
    image_copied: "已复制。",
    image_copy_refused: "此浏览器不允许复制图片。",
    image_size_unknown: "尺寸未知",
    store_full: "浏览器存储空间已满：这张图片未能保存。之前保存的内容都安全；请导出并删除一些图片以腾出空间。",
    zip_too_big: "导出的内容会超过 4 GiB 或 65,535 张图片：请选择部分图片再导出",
    zip_not_zip: "这不是 ZIP 文件（找不到中央目录结束记录）",
    zip_split_over_disks: "这个 ZIP 分卷存储在多个磁盘上，无法读取",
    zip_needs_zip64: "这个 ZIP 需要 ZIP64，无法读取：请在演练场中重新导出",
    zip_cut_short: "这个 ZIP 不完整（中央目录超出了文件末尾）",
    zip_directory_damaged: "这个 ZIP 的中央目录已损坏",
    archive_unreadable: "无法读取文件",
    archive_no_blob: "浏览器无法创建 Blob",
    archive_no_object_url: "浏览器无法创建对象 URL",
    archive_no_document: "无法访问页面文档",
    gallery_images: |count| format!("{count} 张图片"),
    gallery_totals: |count, tokens, cost| {
        format!("{count} 张图片 · {} 个 token · 约 {cost}", super::format::count(tokens))
    },
    gallery_selected: |count| format!("已选 {count} 张"),
    gallery_delete_selected: |count| format!("删除所选的 {count} 张"),
    gallery_export_selected: |count| format!("将所选的 {count} 张导出为 ZIP"),
    gallery_packing: |count| format!("正在打包 {count} 张图片…"),
    gallery_exported: |count, threads| format!("已导出 {count} 张图片{}。", and_conversations(threads)),
    gallery_imported: |count, threads| format!("已导入 {count} 张图片{}。", and_conversations(threads)),
    gallery_imported_partly: |added, total| format!("已导入 {total} 张中的 {added} 张；其余的因空间不足未能导入。"),
    gallery_imported_known: |added, known, threads| match added {
        0 => format!("没有新图片：ZIP 中的 {known} 张图片都已在图库中。"),
        added => format!("已导入 {added} 张新图片{}；另有 {known} 张已在图库中，已跳过。", and_conversations(threads)),
    },
    gallery_export_failed: |error| format!("导出失败：{error}"),
    gallery_import_failed: |error| format!("导入失败：{error}"),
    card_open: |prompt| format!("打开：{prompt}"),
    card_alt: |prompt| format!("已保存的图片：{prompt}"),
    viewer_position: |at, of| format!("第 {at} 张，共 {of} 张"),
    viewer_from: |title, turn| {
        let turn = turn.map(|turn| format!("的第 {turn} 轮")).unwrap_or_default();
        format!("来自对话“{title}”{turn}。")
    },
    undo_deleted_before: |count| format!("页面重新加载前刚删除了 {count} 张图片。"),
    undo_deleted: |count| format!("已删除 {count} 张图片。"),
    storage_used: |usage, quota| format!("本浏览器已存储 {usage}，本站上限为 {quota}。"),
    storage_lost: |prompts| match prompts {
        [prompt] => format!("页面关闭时，提示词为{prompt}的图片仍在保存中，未能存入图库。"),
        prompts => format!("页面关闭时，{} 张图片（{}）仍在保存中，未能存入图库。", prompts.len(), prompts.join("、")),
    },
    store_failed: |message| format!("无法保存到图库：{message}。"),
    image_alt: |prompt| format!("生成的图片：{prompt}"),
    image_tokens: |tokens| format!("{} 个 token", super::format::count(tokens)),
    image_cost: |cost| format!("约 {cost}"),
    zip_encrypted: |name| format!("{name} 已加密，无法读取"),
    zip_method: |name, method| format!("{name} 使用了压缩方法 {method}；只能读取未压缩（stored）或 deflate 压缩的文件"),
    zip_member_needs_zip64: |name| format!("{name} 需要 ZIP64，无法读取"),
    zip_local_header_damaged: |name| format!("{name}：本地文件头已损坏"),
    archive_metadata_unwritable: |file| format!("无法写入 {file}"),
    archive_not_gallery: |file| format!("这不是图库 ZIP（其中没有可读取的 {file}）"),
    archive_metadata_damaged: |file, why| format!("{file} 已损坏（{why}）"),
    archive_other_format: |file, format| format!("{file} 是其他格式（{format}）"),
    archive_missing: |name, file| format!("{file} 中列出了 {name}，但 ZIP 里没有这个文件"),
    archive_cut_short: |name| format!("{name}：ZIP 不完整"),
    archive_not_decompressed: |name| format!("{name}：无法解压"),
    archive_damaged: |name| format!("{name} 已损坏（大小或 CRC-32 不匹配）"),
    // Conversations.
    conversation_title: "对话",
    conversation_open: "打开",
    conversation_new: "新对话",
    conversation_delete: "删除对话",
    conversation_ok: "知道了",
    conversation_hint: "描述一张图片来开始对话，然后逐轮提出修改：每一轮都会修改上一轮的图片。编辑或重新生成某一轮会开启一个分支。\
                        可以用“附加图片”、粘贴、拖放或输入 @ 来附加图库中或之前的图片。",
    conversation_turns: "轮次",
    confirm_label: "删除此对话",
    confirm_text: "删除此对话？除非勾选下面的选项，否则其图片会保留在图库中。",
    confirm_keep: "保留",
    composer_wait: "请等待回答，或取消它。",
    composer_keys: "Enter 发送，Shift+Enter 换行；输入 @ 可附加之前的图片。",
    composer_attached: "本轮附加的图片",
    composer_message: "消息",
    composer_placeholder: "描述一张图片，然后提出修改",
    composer_mentions: "此对话中的图片",
    composer_attach: "附加图片",
    composer_send: "发送",
    picker_title: "附加图片",
    picker_thread: "此对话",
    picker_empty: "图库中还没有图片。",
    turn_edit_label: "编辑这一轮",
    turn_send_branch: "作为新分支发送",
    turn_attached: "附加的图片",
    turn_branches: "分支",
    turn_previous_branch: "上一个分支",
    turn_next_branch: "下一个分支",
    turn_regenerate: "重新生成",
    turn_answering: "正在回答…",
    turn_being_made: "图片生成中",
    turn_unanswered: "这一轮没有得到回答：发送时页面关闭了。点击重试会再次发送。",
    thread_untitled: "未命名对话",
    conversation_totals: |turns, tokens, cost| {
        format!("{turns} 轮 · {} 个 token · 图片约 {cost}", super::format::count(tokens))
    },
    conversation_deleted: |title, count| match count {
        0 => format!("已删除“{title}”；其图片仍在图库中。"),
        count => format!("已删除“{title}”及其 {count} 张图片。"),
    },
    conversation_no_responses: |provider, status| {
        format!(
            "“{provider}”没有 Responses API（/responses 返回了 HTTP {status}）：此后它的对话改走 Images API，\
             每一轮都编辑上一轮的图片。可在设置中更改。"
        )
    },
    confirm_also: |count| format!("同时删除其 {count} 张图片"),
    composer_fix_settings: |problem| format!("请先修正设置：{problem}"),
    composer_attached_alt: |number| format!("附加图片 {number}"),
    composer_remove_label: |number| format!("移除附加图片 {number}"),
    composer_mention: |number, turn| format!("@{number} · 第 {turn} 轮"),
    picker_from_turn: |number, turn| format!("@{number}，来自第 {turn} 轮"),
    picker_gallery_image: |prompt| format!("图库图片：{prompt}"),
    turn_partial_label: |number| format!("图片生成中：中间图 {number}"),
    turn_partial_note: |number| format!("中间图 {number}"),
    turn_image_cost: |cost| format!("图片约 {cost}"),
    turn_facts: |facts| format!("本轮：{facts}"),
    // Errors and advice.
    failure_retry: "重试",
    advice_cancelled: "已取消。",
    advice_moderation: "提示词或输入图片未通过审核：请修改措辞。",
    advice_quota: "账户余额不足：请检查套餐和账单。",
    advice_authentication: "API 密钥被拒绝：请在设置中检查。",
    advice_permission: "此密钥无权使用该模型或区域。",
    advice_not_found: "接口地址或模型有误：请在设置中检查这两项。",
    advice_rate_limit: "请求过多：请稍等片刻再重试。",
    advice_stream_retry: "图片的流式传输报告了错误：请重试。",
    advice_stream: "图片的流式传输报告了错误。",
    advice_server: "服务商出错：请稍后重试。",
    advice_busy: "服务商暂时无法处理此请求：请稍后重试。",
    advice_refused: "服务商拒绝了此请求。",
    advice_timeout: "服务商的响应时间超过了超时设置：请重试，或在设置中调高超时。",
    advice_gateway_504: "HTTP 504 网关超时",
    advice_gateway_524: "HTTP 524，即 Cloudflare 的“A timeout occurred”",
    advice_cut_streamed: "流式传输静默的时间超过了途中代理的等待上限。服务商可能仍会完成这张图片并计费。",
    advice_cut_offer: "服务商可能仍会完成这张图片并计费。流式传输能在服务商处理期间保持连接活跃：请为此接口开启流式。",
    advice_cut: "服务商可能仍会完成这张图片并计费。",
    failure_stream_offer: |name| format!("为“{name}”开启流式"),
    failure_stream_on: |name| format!("已为“{name}”开启流式：下一个请求将使用流式。"),
    advice_not_sent: |report| format!("请求未发送：{report}。"),
    advice_said: |advice, said, id| match id {
        Some(id) => format!("{advice}（{said}；请求 {id}）"),
        None => format!("{advice}（{said}）"),
    },
    advice_gateway: |status, after, cut| format!("此处与服务商之间的网关{after}不再等待（{status}）。{cut}"),
    advice_rate_limit_wait: |wait| format!("请求过多：请在 {wait}后重试。"),
    advice_bad_response: |status, message| format!("无法读取服务商的响应（HTTP {status}）：{message}。请重试。"),
    advice_connection_cut: |after, message, cut| {
        format!("连接{after}被切断（{message}）：途中的代理或网关很可能会关闭静默这么久的连接。{cut}")
    },
    advice_unreachable: |message| format!("无法连接服务商（{message}）：请检查接口地址和网络，然后重试。"),
    advice_after: |wait| format!("在 {wait}后"),
    advice_after_each: |wait| format!("每次在约 {wait}后"),
    advice_retried: |times| format!("已自动重试 {times} 次。"),
    wait_ms: |ms| format!("{ms} 毫秒"),
    wait_seconds: |seconds| format!("{seconds} 秒"),
    wait_minutes: |minutes| format!("{minutes} 分钟"),
    // Validation.
    issue,
    base_url_issue: |problem| format!("接口地址：{}。", issue(problem)),
};

/// A problem core's validation found, written from its rule and values
/// (core's own message is English). Field names stay as the API writes them.
fn issue(issue: &Issue) -> String {
    let field = &issue.field;
    let values = &issue.values;
    let value = |value: &Option<String>| value.clone().unwrap_or_default();
    let (given, allowed, other) = (value(&values.given), value(&values.allowed), value(&values.other));
    let model = values.model.clone().unwrap_or_else(|| "该模型".into());
    let mut text = match issue.rule {
        Rule::Required => format!("{field} 不能为空"),
        Rule::MaxLength => format!("{field} 太长：{given} 个字符，{model} 最多接受 {allowed} 个"),
        Rule::Range if allowed.is_empty() => format!("{field} 超出范围：{given}"),
        Rule::Range => format!("{field} 须在 {allowed} 之间，而不是 {given}"),
        Rule::UnknownValue if given.is_empty() => format!("{field} 须为 {allowed}"),
        Rule::UnknownValue => format!("{field} 的值“{given}”不在已知取值（{allowed}）中，将按原样发送"),
        Rule::UnsupportedByModel if given.is_empty() => format!("{model} 不支持 {field}"),
        Rule::UnsupportedByModel if allowed.is_empty() => format!("{model} 不支持 {field}：{given}"),
        Rule::UnsupportedByModel => format!("{model} 的 {field} 只能是 {allowed}，而不是 {given}"),
        Rule::Requires => format!("{field} 需要与 {other} 一起使用，否则不起作用"),
        Rule::Conflict if given.is_empty() => format!("{field} 与 {other} 不能同时使用"),
        Rule::Conflict => format!("{field}（{given}）与 {other} 不能同时使用"),
        Rule::SizeFormat => format!("尺寸“{given}”不是 auto 或 宽x高（例如 1024x1024），将按原样发送"),
        Rule::SizeMultipleOf16 => format!("尺寸 {given}：宽和高都须为 {allowed} 的倍数"),
        Rule::AspectRatio => format!("尺寸 {given}：长宽比不能超过 {allowed}"),
        Rule::MaxEdge => format!("尺寸 {given}：最长边不能超过 {allowed} 像素"),
        Rule::PixelCount => format!("尺寸 {given}：{model} 的像素总数须在 {allowed} 之间"),
        Rule::Experimental => format!("{field}（{given}）仍是预览功能，结果可能不稳定"),
        Rule::ProviderSpecific => format!("{field}（{given}）只有部分服务商接受，OpenAI 可能拒绝"),
        Rule::FileType => format!("{field} 的文件类型 {given} 不被接受，须为 {allowed}"),
        Rule::FileSize => format!("{field} 的文件过大（{given}），须小于 {allowed}"),
        Rule::Dimensions => format!("{field} 的尺寸 {given} 不符合要求：须为 {allowed}"),
        Rule::Malformed if allowed.is_empty() => format!("{field} 无法读取：{given}"),
        Rule::Malformed => format!("{field} 须为 {allowed}，而不是“{given}”"),
        Rule::UnknownModel => format!("本工具不认识模型 {given}：只检查所有模型共有的规则"),
        Rule::Retired if allowed.is_empty() => format!("{given} 已被 OpenAI 停用，其他服务商可能仍提供"),
        Rule::Retired => format!("OpenAI 于 {allowed} 停用 {given}，其他服务商可能仍提供"),
        Rule::UnknownParameter => format!("{given} 不是本工具认识的参数，将按原样发送"),
    };
    if let Some(suggested) = &values.suggested {
        text.push_str(&format!("（最接近的有效尺寸是 {suggested}）"));
    }
    text
}

/// A catalogue model's summary in Chinese, by its id; another model's as the catalogue has it.
fn summary_in_chinese(id: &str, summary: &str) -> String {
    let chinese = match id {
        "gpt-image-2.6-flare" => "GPT Image 2.6 快速版：草图、海报、批量出图；可输出 GIF 和 SVG",
        "gpt-image-2.6-sunburst" => "GPT Image 2.6，擅长细节、小字，多次编辑中主体保持稳定",
        "gpt-image-2.5-flare" => "GPT Image 2.5，快速的日常模型",
        "gpt-image-2.5-sunburst" => "GPT Image 2.5，高端模型，擅长细节和精确编辑",
        "gpt-image-2" => "GPT Image 2：自定义尺寸，最大 3840x2160",
        "gpt-image-1.5" => "GPT Image 1.5，API 编辑时的默认模型",
        "chatgpt-image-latest" => "ChatGPT 当前使用的图片模型",
        "gpt-image-1-mini" => "GPT Image 1 mini：最便宜，不支持 input_fidelity",
        "gpt-image-1" => "第一代 GPT 图片模型",
        "dall-e-3" => "DALL·E 3：每次请求一张图片，vivid 或 natural 风格",
        "dall-e-2" => "DALL·E 2：小尺寸方图，编辑只接受一张图片",
        _ => summary,
    };
    chinese.to_owned()
}

/// A parameter's wire value as a select shows it in Chinese; sizes,
/// formats, model ids and unknown values as they are.
fn label_in_chinese(_parameter: &str, value: &str) -> String {
    let label = match value {
        "auto" => "自动",
        "low" => "低",
        "medium" => "中",
        "high" => "高",
        "xhigh" => "超高",
        "max" => "最高",
        "standard" => "标准",
        "hd" => "高清",
        "transparent" => "透明",
        "opaque" => "不透明",
        _ => value,
    };
    label.to_owned()
}

/// `和 2 个对话`, or nothing for none.
fn and_conversations(count: usize) -> String {
    if count == 0 { String::new() } else { format!("和 {count} 个对话") }
}

#[cfg(test)]
mod tests {
    use gpt_image_wasm::core::{GenerateRequest, Model, Size};

    use super::issue;

    /// Core's issues of `request`, in Chinese.
    fn said(request: GenerateRequest) -> Vec<String> {
        request.validate().issues.iter().map(issue).collect()
    }

    #[test]
    fn validation_is_written_from_the_rule_and_the_values() {
        let request = |n, size: &str| GenerateRequest {
            model: Some(Model::from("gpt-image-2")),
            n: Some(n),
            size: Some(Size::parse(size)),
            ..GenerateRequest::new("一只狐狸")
        };
        assert_eq!(said(request(0, "1024x1024")), ["n 须在 1–10 之间，而不是 0"]);
        let odd = said(request(1, "1000x1000"));
        assert_eq!(odd.len(), 1, "{odd:?}");
        assert!(odd[0].starts_with("尺寸 1000x1000：宽和高都须为 16 的倍数（最接近的有效尺寸是 "), "{odd:?}");
        let empty = said(GenerateRequest { model: Some(Model::from("gpt-image-2")), ..GenerateRequest::new(" ") });
        assert_eq!(empty, ["prompt 不能为空"]);
    }
}
