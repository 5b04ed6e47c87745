package io.avlens.ui.internal;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.actions.ContributionItemFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * The menu skeleton (File, Edit, Window, Help) with the standard actions; AV Lens commands join it through
 * {@code org.eclipse.ui.menus} contributions in plugin.xml.
 */
public class AvLensActionBarAdvisor extends ActionBarAdvisor {

    AvLensActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        IWorkbenchWindow window = getActionBarConfigurer().getWindowConfigurer().getWindow();

        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.FILE_START));
        file.add(new GroupMarker(IWorkbenchActionConstants.NEW_EXT));
        file.add(new Separator());
        file.add(registered(ActionFactory.SAVE.create(window)));
        file.add(registered(ActionFactory.SAVE_ALL.create(window)));
        file.add(new Separator());
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator("quit"));
        file.add(registered(ActionFactory.QUIT.create(window)));
        menuBar.add(file);

        // Undo, Redo and Delete retarget to the active part: the explorer and the experiment editor run them on
        // their project's command stack
        MenuManager edit = new MenuManager("&Edit", IWorkbenchActionConstants.M_EDIT);
        edit.add(new GroupMarker(IWorkbenchActionConstants.EDIT_START));
        edit.add(registered(ActionFactory.UNDO.create(window)));
        edit.add(registered(ActionFactory.REDO.create(window)));
        edit.add(new Separator());
        edit.add(registered(ActionFactory.DELETE.create(window)));
        edit.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(edit);

        MenuManager windowMenu = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        MenuManager showView = new MenuManager("Show &View", "showView");
        showView.add(ContributionItemFactory.VIEWS_SHORTLIST.create(window));
        windowMenu.add(showView);
        windowMenu.add(registered(ActionFactory.RESET_PERSPECTIVE.create(window)));
        windowMenu.add(new Separator());
        windowMenu.add(registered(ActionFactory.PREFERENCES.create(window)));
        windowMenu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(windowMenu);

        menuBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));

        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        menuBar.add(help);
    }

    private IAction registered(IWorkbenchAction action) {
        register(action);
        return action;
    }
}
