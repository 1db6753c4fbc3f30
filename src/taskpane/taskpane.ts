/**
 * The task pane (placeholder until the budgeting-workbook pane lands): says whether it
 * runs inside Excel. It shares the runtime with the functions but imports none of them.
 */
function setStatus(text: string): void {
  const status = document.getElementById("status");
  if (status) status.textContent = text;
}

if (typeof Office === "undefined") setStatus("Preview outside Office: open the function reference below.");
else
  void Office.onReady((info) => {
    setStatus(info.host === Office.HostType.Excel ? "Connected to Excel." : "Preview outside Office: open the function reference below.");
  });
