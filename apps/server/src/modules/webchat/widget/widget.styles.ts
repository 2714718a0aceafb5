export const widgetStyles = `
:host { all: initial; font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; }
.bubble { position: fixed; right: 20px; bottom: 20px; width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer;
  background: #0b8457; color: #fff; box-shadow: 0 4px 14px rgba(0,0,0,.25); z-index: 2147483000;
  display: flex; align-items: center; justify-content: center; }
.bubble svg { width: 28px; height: 28px; fill: #fff; }
.bubble:focus-visible, header .close:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
.panel { position: fixed; right: 20px; bottom: 88px; width: min(360px, calc(100vw - 40px)); height: min(520px, calc(100vh - 120px));
  background: #fff; border-radius: 14px; box-shadow: 0 10px 30px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; z-index: 2147483000; }
.panel[hidden] { display: none; }
header { background: #0b8457; color: #fff; padding: 12px 16px; display: flex; justify-content: space-between; align-items: center; }
header .heading { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
header .served-by { font-size: 12px; opacity: .9; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
header .served-by[hidden] { display: none; }
header .close { background: none; border: 0; color: #fff; cursor: pointer; width: 32px; height: 32px; padding: 4px; display: flex; }
header .close svg { width: 24px; height: 24px; fill: none; stroke: #fff; stroke-width: 2; stroke-linecap: round; }
.status { background: #fff4e5; color: #8a5300; font-size: 12px; padding: 4px 12px; }
.status[hidden] { display: none; }
.lines { list-style: none; margin: 0; padding: 12px; flex: 1; overflow-y: auto; background: #efeae2; display: flex; flex-direction: column; gap: 6px; }
.lines li { max-width: 80%; padding: 6px 10px; border-radius: 10px; font-size: 14px; line-height: 1.35; white-space: pre-wrap; word-wrap: break-word; }
.lines li.mine { align-self: flex-end; background: #d9fdd3; }
.lines li.theirs { align-self: flex-start; background: #fff; }
.lines li.notice { align-self: center; max-width: 90%; background: #fff8d6; color: #5c4a00; font-size: 13px; text-align: center; }
.lines .author { display: block; font-size: 12px; font-weight: 600; color: #0b8457; margin-bottom: 2px; }
.lines .text svg { width: 14px; height: 14px; fill: none; stroke: currentColor; stroke-width: 2; vertical-align: -2px; margin-right: 4px; }
.lines a.media img { display: block; max-width: 100%; max-height: 220px; border-radius: 8px; margin-bottom: 4px; }
.lines a.file { display: inline-flex; align-items: center; gap: 4px; color: #0b6e4a; font-weight: 600; text-decoration: underline; }
.lines a.file svg { width: 16px; height: 16px; fill: none; stroke: currentColor; stroke-width: 2; }
.lines audio { display: block; max-width: 100%; }
.lines li.choices { align-self: flex-start; max-width: 90%; padding: 0; background: none; display: flex; flex-direction: column; gap: 4px; }
.lines button.choice { font: inherit; font-size: 14px; padding: 8px 12px; border: 1px solid #0b8457; border-radius: 18px; background: #fff;
  color: #0b6e4a; cursor: pointer; text-align: left; }
.lines button.choice:hover { background: #e7f6ef; }
.lines button.choice:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
.lines time { display: block; font-size: 10px; color: #667781; text-align: right; margin-top: 2px; }
form.start { padding: 16px; display: flex; flex-direction: column; gap: 8px; font-size: 14px; color: #1f2933; }
form.start[hidden], form.composer[hidden] { display: none; }
input, textarea { font: inherit; padding: 8px 10px; border: 1px solid #d0d7de; border-radius: 8px; }
button[type=submit] { font: inherit; padding: 8px 12px; border: 0; border-radius: 8px; background: #0b8457; color: #fff; cursor: pointer; }
form.composer { display: flex; gap: 8px; padding: 8px; border-top: 1px solid #e5e7eb; }
form.composer textarea { flex: 1; resize: none; }
`;
